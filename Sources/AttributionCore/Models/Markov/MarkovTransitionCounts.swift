/// Transition weights counted from path rows, states numbered as first met.
/// Every touch of a row of weight `conversions + nulls` adds that weight to
/// one transition; the row's last state gets `conversions` towards
/// `(conversion)` and `nulls` towards `(null)`. Rows of zero weight add nothing.
struct MarkovTransitionCounts {
    var states: MarkovStateTable
    /// Transient → transient weights in CSR form, self-loops included.
    var rowStart: [Int]
    var target: [Int32]
    var weight: [Double]
    var toConversion: [Double]
    var toNull: [Double]

    /// A table of `states × channels` transition slots is used when it is small
    /// (the target of a state and a channel is unique, so no hashing per touch);
    /// otherwise one (from, to) record per touch, grouped afterwards.
    static let slotTableLimit = 1 << 24

    init(
        paths: PathTable, key: MarkovStateKey, conversions: [Double], nulls: [Double],
        slotTableLimit: Int = slotTableLimit
    ) throws {
        for p in 0..<paths.count {
            let c = conversions[p], n = nulls[p]
            guard c.isFinite, n.isFinite, c >= 0, n >= 0 else {
                throw MarkovError("path row \(p + 1) has a negative or non-finite conversion or null count")
            }
        }
        let channelCount = max(1, paths.channels.count)
        // At most one state per touch, and at most Σ_{i≤k} C^i tuples.
        var possible = 1, power = 1
        for _ in 0..<key.order where possible <= paths.steps.count {
            power = power.multipliedReportingOverflow(by: channelCount).overflow ? Int.max / 2 : power * channelCount
            possible = possible.addingReportingOverflow(power).overflow ? Int.max / 2 : possible + power
        }
        let maxStates = min(possible, paths.steps.count + 1)
        states = MarkovStateTable(expectedStates: min(maxStates, 1 << 20))
        var last = [Int32](repeating: -1, count: paths.count)
        let slots = maxStates.multipliedReportingOverflow(by: channelCount)
        if !slots.overflow && slots.partialValue <= slotTableLimit {
            (rowStart, target, weight) = Self.countBySlots(paths, key, conversions, nulls, channelCount, &states, &last)
        } else {
            (rowStart, target, weight) = Self.countByRecords(paths, key, conversions, nulls, &states, &last)
        }
        let n = states.count
        toConversion = [Double](repeating: 0, count: n)
        toNull = [Double](repeating: 0, count: n)
        for p in 0..<paths.count where last[p] >= 0 {
            toConversion[Int(last[p])] += conversions[p]
            toNull[Int(last[p])] += nulls[p]
        }
    }

    private static func countBySlots(
        _ paths: PathTable, _ key: MarkovStateKey, _ conversions: [Double],
        _ nulls: [Double], _ channelCount: Int,
        _ states: inout MarkovStateTable, _ last: inout [Int32]
    ) -> ([Int], [Int32], [Double]) {
        // Slot s·C + c: the state reached from s by touching c, and the weight of that transition.
        var next = [Int32](repeating: -1, count: channelCount)
        var slotWeight = [Double](repeating: 0, count: channelCount)
        for p in 0..<paths.count {
            let rowWeight = conversions[p] + nulls[p]
            if rowWeight == 0 { continue }
            var s = 0
            for ch in paths.path(p) {
                let slot = s * channelCount + Int(ch)
                var t = next[slot]
                if t < 0 {
                    t = states.id(for: key.appending(ch, to: states.keys[s]))
                    next[slot] = t
                    if states.count * channelCount > next.count {
                        next.append(contentsOf: repeatElement(-1, count: channelCount))
                        slotWeight.append(contentsOf: repeatElement(0, count: channelCount))
                    }
                }
                slotWeight[slot] += rowWeight
                s = Int(t)
            }
            last[p] = Int32(s)
        }
        let n = states.count
        var rowStart = [Int](repeating: 0, count: n + 1)
        var target: [Int32] = [], weight: [Double] = []
        for s in 0..<n {
            for slot in (s * channelCount)..<((s + 1) * channelCount) where next[slot] >= 0 {
                target.append(next[slot])
                weight.append(slotWeight[slot])
            }
            rowStart[s + 1] = target.count
        }
        return (rowStart, target, weight)
    }

    private static func countByRecords(
        _ paths: PathTable, _ key: MarkovStateKey, _ conversions: [Double],
        _ nulls: [Double], _ states: inout MarkovStateTable,
        _ last: inout [Int32]
    ) -> ([Int], [Int32], [Double]) {
        var from: [Int32] = [], to: [Int32] = [], w: [Double] = []
        from.reserveCapacity(paths.steps.count)
        to.reserveCapacity(paths.steps.count)
        w.reserveCapacity(paths.steps.count)
        for p in 0..<paths.count {
            let rowWeight = conversions[p] + nulls[p]
            if rowWeight == 0 { continue }
            var k: UInt64 = 0
            var prev: Int32 = 0
            for ch in paths.path(p) {
                k = key.appending(ch, to: k)
                let s = states.id(for: k)
                from.append(prev)
                to.append(s)
                w.append(rowWeight)
                prev = s
            }
            last[p] = prev
        }
        return compressedRows(stateCount: states.count, from: from, to: to, weight: w)
    }

    /// Groups transitions by source (counting sort), summing repeats of one target.
    private static func compressedRows(stateCount n: Int, from: [Int32], to: [Int32], weight: [Double])
        -> ([Int], [Int32], [Double])
    {
        var start = [Int](repeating: 0, count: n + 1)
        for f in from { start[Int(f) + 1] += 1 }
        for s in 0..<n { start[s + 1] += start[s] }
        var next = start
        var sortedTo = [Int32](repeating: 0, count: from.count)
        var sortedW = [Double](repeating: 0, count: from.count)
        for e in 0..<from.count {
            let f = Int(from[e])
            sortedTo[next[f]] = to[e]
            sortedW[next[f]] = weight[e]
            next[f] += 1
        }
        // Merge repeats in place: `slot[t]` is where target t sits in the current row.
        var slot = [Int](repeating: -1, count: n)
        var rowStart = [Int](repeating: 0, count: n + 1)
        var out = 0
        for s in 0..<n {
            rowStart[s] = out
            for e in start[s]..<start[s + 1] {
                let t = Int(sortedTo[e])
                if slot[t] >= rowStart[s] {
                    sortedW[slot[t]] += sortedW[e]
                } else {
                    slot[t] = out
                    sortedTo[out] = sortedTo[e]
                    sortedW[out] = sortedW[e]
                    out += 1
                }
            }
        }
        rowStart[n] = out
        sortedTo.removeSubrange(out...)
        sortedW.removeSubrange(out...)
        return (rowStart, sortedTo, sortedW)
    }
}
