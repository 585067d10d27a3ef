/// Equal credit to every touch (repeats count, as ChannelAttribution does),
/// or to every distinct channel once when `distinctChannels` is set.
public struct Linear: PathRule {
    public let name = "linear"
    public let distinctChannels: Bool
    public init(distinctChannels: Bool = ModelOptions.defaults.linearDistinctChannels) { self.distinctChannels = distinctChannels }

    public func split(_ path: ArraySlice<Int32>, credit: (Int32, Double) -> Void) {
        if !distinctChannels {
            let w = 1 / Double(path.count)
            for c in path { credit(c, w) }
            return
        }
        var seen: [Int32] = []
        for c in path where !seen.contains(c) { seen.append(c) }
        let w = 1 / Double(seen.count)
        for c in seen { credit(c, w) }
    }
}
