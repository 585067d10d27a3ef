/// The channel vocabulary of `frequency` paths: one name per (channel, count) pair
/// that occurs, `email(3)`. Ids are given in (channel id, count) order, so the
/// vocabulary does not depend on how the work was split across cores.
enum FrequencyVocabulary {
    /// Rewrites `steps` (base channel ids, with the matching occurrence `counts`)
    /// into ids of the returned vocabulary.
    static func relabel(_ steps: inout [Int32], counts: [Int32], base: ChannelIndex) -> ChannelIndex {
        precondition(steps.count == counts.count)
        func key(_ k: Int) -> Int64 { Int64(steps[k]) << 32 | Int64(counts[k]) }
        var keys = (0..<steps.count).map(key)
        keys.sort()
        var distinct: [Int64] = []
        for k in keys where distinct.last != k { distinct.append(k) }
        let index = ChannelIndex(names: distinct.map {
            PathTransforms.frequencyName(base[Int32($0 >> 32)], count: Int($0 & 0xFFFF_FFFF))
        })
        for k in steps.indices {
            let target = key(k)
            // Binary search: the keys are sorted and distinct.
            var lo = 0, hi = distinct.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if distinct[mid] < target { lo = mid + 1 } else { hi = mid }
            }
            steps[k] = Int32(lo)
        }
        return index
    }
}
