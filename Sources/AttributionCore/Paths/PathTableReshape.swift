extension PathTable {
    /// The same paths with `--top-channels` and `--collapse-repeats` applied, for
    /// path-level input (event-level input gets them while journeys are cut).
    /// Channel frequency counts every touch of every journey on the path.
    public func reshaped(topChannels: Int?, collapseRepeats: Bool) -> PathTable {
        var remap = (0..<channels.count).map { Int32($0) }
        var index = channels
        if let top = topChannels, top < channels.count {
            var counts = [Double](repeating: 0, count: channels.count)
            for p in 0..<count {
                let journeys = conversions[p] + nulls[p]
                for c in path(p) { counts[Int(c)] += journeys }
            }
            let ranked = (0..<channels.count).sorted {
                counts[$0] != counts[$1] ? counts[$0] > counts[$1] : channels.names[$0] < channels.names[$1]
            }
            index = ChannelIndex()
            for old in ranked.prefix(top) { remap[old] = index.id(for: channels.names[old]) }
            let others = index.id(for: JourneyOptions.othersChannel)
            for old in ranked.dropFirst(top) { remap[old] = others }
        } else if !collapseRepeats {
            return self
        }
        var builder = PathTableBuilder(channels: index)
        var steps: [Int32] = []
        for p in 0..<count {
            steps.removeAll(keepingCapacity: true)
            for c in path(p) {
                let mapped = remap[Int(c)]
                if collapseRepeats && steps.last == mapped { continue }
                steps.append(mapped)
            }
            builder.add(steps[...], conversions: conversions[p], value: value[p], nulls: nulls[p])
        }
        builder.addUnattributed(conversions: unattributedConversions, value: unattributedValue)
        return builder.table
    }
}
