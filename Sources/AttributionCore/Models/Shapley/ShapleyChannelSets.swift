/// Paths grouped by their set of distinct channels, the coalitions of the
/// conversion-rate Shapley game: order and repeats no longer matter here.
struct ShapleyChannelSets<Key: ChannelSetKey>: Sendable {
    let channelCount: Int
    private(set) var keys: [Key] = []
    /// Members of set `s`, ascending: `members[memberOffsets[s]..<memberOffsets[s + 1]]`.
    private(set) var members: [Int32] = []
    private(set) var memberOffsets: [Int] = [0]
    private(set) var conversions: [Double] = []
    private(set) var value: [Double] = []
    private(set) var nulls: [Double] = []
    /// The set of each path row.
    private(set) var setOfRow: [Int32] = []

    init(paths: PathTable) {
        channelCount = paths.channels.count
        var index: [Key: Int] = [:]
        var scan = ShapleyPathChannels(channelCount: channelCount)
        for p in 0..<paths.count {
            let path = paths.path(p)
            var key = Key(emptyFor: channelCount)
            for c in path { key.insert(c) }
            if let s = index[key] {
                setOfRow.append(Int32(s))
                conversions[s] += paths.conversions[p]
                value[s] += paths.value[p]
                nulls[s] += paths.nulls[p]
                continue
            }
            index[key] = keys.count
            setOfRow.append(Int32(keys.count))
            keys.append(key)
            scan.load(path)
            members.append(contentsOf: scan.distinct.sorted())
            memberOffsets.append(members.count)
            conversions.append(paths.conversions[p])
            value.append(paths.value[p])
            nulls.append(paths.nulls[p])
        }
    }

    var count: Int { keys.count }

    func members(of s: Int) -> ArraySlice<Int32> { members[memberOffsets[s]..<memberOffsets[s + 1]] }

    /// Conversions over journeys (conversions + nulls) whose distinct channels are exactly set `s`.
    func conversionRate(_ s: Int) -> Double {
        let journeys = conversions[s] + nulls[s]
        return journeys > 0 && conversions[s] > 0 ? conversions[s] / journeys : 0
    }
}
