/// The channel vocabulary of `frequency` paths: one name per (channel, count) pair
/// that occurs, `email(3)`. Ids are given in (channel id, count) order, so the
/// vocabulary does not depend on how the work was split across cores.
enum FrequencyVocabulary {
    /// Rewrites `steps` (base channel ids, with the matching occurrence `counts`)
    /// into ids of the returned vocabulary. Linear: a table per channel indexed by
    /// count (counts are bounded by the longest journey), no sort, no hashing.
    static func relabel(_ steps: inout [Int32], counts: [Int32], base: ChannelIndex) -> ChannelIndex {
        precondition(steps.count == counts.count)
        var maxCount = [Int](repeating: 0, count: base.count)
        for k in steps.indices { maxCount[Int(steps[k])] = max(maxCount[Int(steps[k])], Int(counts[k])) }
        // slot[start[c] + n] is the new id of (channel c, count n); -1 while unseen.
        var start = [Int](repeating: 0, count: base.count + 1)
        for c in 0..<base.count { start[c + 1] = start[c] + maxCount[c] + 1 }
        var slot = [Int32](repeating: -1, count: start[base.count])
        for k in steps.indices { slot[start[Int(steps[k])] + Int(counts[k])] = 0 }
        var index = ChannelIndex()
        for c in 0..<base.count {
            for n in 0...maxCount[c] where slot[start[c] + n] == 0 {
                slot[start[c] + n] = index.id(for: PathTransforms.frequencyName(base.names[c], count: n))
            }
        }
        for k in steps.indices { steps[k] = slot[start[Int(steps[k])] + Int(counts[k])] }
        return index
    }
}
