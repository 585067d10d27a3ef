/// The distinct channels of one path and how often each occurs, found with a
/// per-channel stamp so that scanning many paths allocates nothing per path.
struct ShapleyPathChannels {
    /// Distinct channels of the last loaded path, in order of first touch.
    private(set) var distinct: [Int32] = []
    /// Touches per channel; valid for the channels in `distinct`.
    private(set) var occurrences: [Int32]
    private var stamp: [Int]
    private var current = 0

    init(channelCount: Int) {
        occurrences = [Int32](repeating: 0, count: channelCount)
        stamp = [Int](repeating: 0, count: channelCount)
    }

    mutating func load(_ path: ArraySlice<Int32>) {
        current += 1
        distinct.removeAll(keepingCapacity: true)
        for c in path {
            let i = Int(c)
            if stamp[i] != current {
                stamp[i] = current
                occurrences[i] = 0
                distinct.append(c)
            }
            occurrences[i] += 1
        }
    }
}
