extension PathTable {
    /// The same paths with top-N channels and the path transforms applied, in the
    /// order `PathTransforms` documents, for path-level input (event-level input gets
    /// them while journeys are cut; path-level input has no times, so no lookback).
    /// Channel frequency for top-N counts every touch of every journey on the path.
    public func reshaped(topChannels: Int?, transforms: PathTransforms) -> PathTable {
        let (index, remap) = topChannelMapping(topChannels)
        if index == channels && transforms.isIdentity { return self }

        var transformer = PathTransformer(transforms, channels: index)
        var mapped: [Int32] = []
        var outSteps: [Int32] = []
        var outCounts: [Int32] = []
        var outOffsets = [0]
        for p in 0..<count {
            mapped.removeAll(keepingCapacity: true)
            for c in path(p) { mapped.append(remap[Int(c)]) }
            transformer.apply(mapped[...])
            for i in transformer.kept { outSteps.append(mapped[i]) }
            outCounts.append(contentsOf: transformer.counts)
            outOffsets.append(outSteps.count)
        }
        var outIndex = index
        if transforms.kind == .frequency {
            outIndex = FrequencyVocabulary.relabel(&outSteps, counts: outCounts, base: index)
        }

        var builder = PathTableBuilder(channels: outIndex)
        for p in 0..<count {
            let steps = outSteps[outOffsets[p]..<outOffsets[p + 1]]
            if steps.isEmpty {
                // Cannot happen with today's transforms (none empties a path); kept for safety.
                builder.addUnattributed(conversions: conversions[p], value: value[p])
            } else {
                builder.add(steps, conversions: conversions[p], value: value[p], nulls: nulls[p])
            }
        }
        builder.addUnattributed(conversions: unattributedConversions, value: unattributedValue, nulls: unattributedNulls)
        return builder.table
    }

    /// The channel index after top-N (weighted by journeys per path), and the old → new id map.
    private func topChannelMapping(_ topChannels: Int?) -> (ChannelIndex, [Int32]) {
        var remap = (0..<channels.count).map { Int32($0) }
        guard let top = topChannels, top < channels.count else { return (channels, remap) }
        var counts = [Double](repeating: 0, count: channels.count)
        for p in 0..<count {
            let journeys = conversions[p] + nulls[p]
            for c in path(p) { counts[Int(c)] += journeys }
        }
        // Most frequent first; ties by name so the choice does not depend on input order.
        let ranked = (0..<channels.count).sorted {
            counts[$0] != counts[$1] ? counts[$0] > counts[$1] : channels.names[$0] < channels.names[$1]
        }
        var index = ChannelIndex()
        for old in ranked.prefix(top) { remap[old] = index.id(for: channels.names[old]) }
        let others = index.id(for: JourneyOptions.othersChannel)
        for old in ranked.dropFirst(top) { remap[old] = others }
        return (index, remap)
    }
}
