/// Applies `PathTransforms` (steps 3–6 of their order) to one path at a time,
/// on channel ids, reusing its buffers across paths.
///
/// The result is the positions of the steps that survive, so callers carry along
/// whatever belongs to a step (its touch time for event-level models), plus, for
/// `frequency`, how often each kept step's channel occurred.
struct PathTransformer {
    let transforms: PathTransforms
    private let removeIfNotAll: [Bool]
    private let removeIfLast: [Bool]
    private var occurrences: [Int32]
    private var candidates: [Int] = []
    /// Positions (indices of the slice given to `apply`) of the kept steps, in order.
    private(set) var kept: [Int] = []
    /// For `frequency`: the occurrence count of each kept step's channel.
    private(set) var counts: [Int32] = []

    /// `channels` is the vocabulary the ids refer to (after top-N); listed names it
    /// does not hold are never met and so change nothing.
    init(_ transforms: PathTransforms, channels: ChannelIndex) {
        self.transforms = transforms
        func flags(_ names: [String]) -> [Bool] {
            var f = [Bool](repeating: false, count: channels.count)
            for name in names { if let id = channels.lookup(name) { f[Int(id)] = true } }
            return f
        }
        removeIfNotAll = flags(transforms.removeIfNotAll)
        removeIfLast = flags(transforms.removeIfLastAndNotAll)
        occurrences = [Int32](repeating: 0, count: channels.count)
    }

    mutating func apply(_ steps: ArraySlice<Int32>) {
        candidates.removeAll(keepingCapacity: true)
        kept.removeAll(keepingCapacity: true)
        counts.removeAll(keepingCapacity: true)

        let hasOther = transforms.removeIfNotAll.isEmpty || steps.contains { !removeIfNotAll[Int($0)] }
        for i in steps.indices where !(hasOther && removeIfNotAll[Int(steps[i])]) { candidates.append(i) }

        if !transforms.removeIfLastAndNotAll.isEmpty,
            let lastOther = candidates.lastIndex(where: { !removeIfLast[Int(steps[$0])] })
        {
            candidates.removeSubrange((lastOther + 1)...)
        }

        switch transforms.kind {
        case .unique:
            kept.append(contentsOf: candidates)
        case .exposure:
            for k in candidates.indices {
                // The most recent touch of a run stands for it.
                if k + 1 < candidates.count && steps[candidates[k + 1]] == steps[candidates[k]] { continue }
                kept.append(candidates[k])
            }
        case .first, .frequency:
            for i in candidates {
                let c = Int(steps[i])
                if occurrences[c] == 0 { kept.append(i) }
                occurrences[c] += 1
            }
            if transforms.kind == .frequency { for i in kept { counts.append(occurrences[Int(steps[i])]) } }
            for i in kept { occurrences[Int(steps[i])] = 0 }
        }

        if let n = transforms.maxPathLength, kept.count > n {
            kept.removeFirst(kept.count - n)
            if !counts.isEmpty { counts.removeFirst(counts.count - n) }
        }
    }
}
