extension AbsorbingChain {
    /// Gauss–Seidel on (I − Q) h = r, started from zero, over the CSR rows.
    ///
    /// Started from zero with nonnegative Q and r, the iterates rise
    /// monotonically to h. The same sweep carries u, the absorption in either
    /// absorbing state (right side r_conversion + r_null), whose limit is 1; so
    /// 1 − u bounds the remaining error of h, and the stopping rule is a
    /// certified bound rather than a small change between sweeps.
    func solveSparse(
        removing removed: [Bool]?, accuracy: AbsorptionAccuracy,
        sweepOrder: [Int32], tolerance: Double
    ) throws -> AbsorptionSolution {
        var removedStates: [Int32] = []
        if let removed { for s in 0..<stateCount where removed[s] { removedStates.append(Int32(s)) } }
        let block = try solveSparse(
            removals: [removedStates], accuracy: accuracy,
            sweepOrder: sweepOrder, tolerance: tolerance)
        return AbsorptionSolution(conversion: block.conversion, iterations: block.iterations)
    }

    /// Several removals solved in one pass over the transitions: column j has
    /// the states `removals[j]` turned into `(null)`. Each state keeps the
    /// values of all columns side by side, so a transition loads its target's
    /// values for every column at once instead of one cache miss per column.
    ///
    /// Only column 0 carries u. A column that removes at least the states
    /// column 0 removes absorbs at least as fast, sweep for sweep (by
    /// induction over the updates), so column 0's 1 − u bounds every column's
    /// error. Returns the start state's P(conversion) per column, and every
    /// state's when there is one column. `.start(reference: nil)` measures
    /// against column 0's own estimate, a lower bound of its P(conversion).
    func solveSparse(
        removals: [[Int32]], accuracy: AbsorptionAccuracy, sweepOrder: [Int32],
        tolerance: Double, maxSweeps: Int = 100_000
    ) throws -> (conversion: [Double], startConversion: [Double], iterations: Int) {
        let n = stateCount, m = removals.count
        precondition(m >= 1)
        for list in removals.dropFirst() { precondition(Set(removals[0]).isSubset(of: list)) }
        // Per state: h and u of column 0, then h of columns 1..<m. A removed
        // state is already absorbed in (null): h 0, u 1.
        let width = m + 1
        var values = [Double](repeating: 0, count: n * width)
        // Which value slots each state has removed, as CSR.
        var removedStart = [Int](repeating: 0, count: n + 1)
        for list in removals { for s in list { removedStart[Int(s) + 1] += 1 } }
        for s in 0..<n { removedStart[s + 1] += removedStart[s] }
        var removedSlot = [Int32](repeating: 0, count: removedStart[n])
        var fill = removedStart
        for (j, list) in removals.enumerated() {
            for s in list {
                removedSlot[fill[Int(s)]] = Int32(j == 0 ? 0 : j + 1)
                fill[Int(s)] += 1
                if j == 0 { values[Int(s) * width + 1] = 1 }
            }
        }
        // States removed in column 0 are removed everywhere and never change.
        let removedEverywhere = Set(removals[0])
        let order = sweepOrder.filter { !removedEverywhere.contains($0) }
        guard order.contains(where: { conversion[Int($0)] > 0 }) else {
            return (m == 1 ? [Double](repeating: 0, count: n) : [], [Double](repeating: 0, count: m), 0)
        }
        var rhs = [SIMD2<Double>](repeating: .zero, count: n)
        var scale = [Double](repeating: 0, count: n)
        for s in order.map(Int.init) {
            rhs[s] = SIMD2(conversion[s], conversion[s] + null[s])
            scale[s] = 1 / (1 - stay[s])
        }
        var sweeps = 0
        while true {
            sweeps += 1
            let largestGap = Self.sweep(
                order: order, width: width, rowStart: rowStart, target: target,
                probability: probability, rhs: rhs, scale: scale,
                removedStart: removedStart, removedSlot: removedSlot, values: &values)
            let done: Bool
            switch accuracy {
            case .allStates:
                done = largestGap <= tolerance
            case .start(let reference):
                let threshold = tolerance * (reference ?? values[0])
                done = 1 - values[1] <= (threshold > 0 ? threshold : tolerance)
            }
            if done { break }
            if sweeps >= maxSweeps {
                throw MarkovError("sparse solver did not reach tolerance \(tolerance) in \(maxSweeps) sweeps")
            }
        }
        let start = [values[0]] + (2..<width).map { values[$0] }
        let all = m == 1 ? (0..<n).map { values[$0 * width] } : []
        return (all, start, sweeps)
    }

    /// One Gauss–Seidel sweep over every column; returns the largest 1 − u.
    private static func sweep(
        order: [Int32], width: Int, rowStart: [Int], target: [Int32],
        probability: [Double], rhs: [SIMD2<Double>], scale: [Double],
        removedStart: [Int], removedSlot: [Int32], values: inout [Double]
    ) -> Double {
        var largestGap = 0.0
        order.withUnsafeBufferPointer { order in
            rowStart.withUnsafeBufferPointer { rowStart in
                target.withUnsafeBufferPointer { target in
                    probability.withUnsafeBufferPointer { probability in
                        removedStart.withUnsafeBufferPointer { removedStart in
                            removedSlot.withUnsafeBufferPointer { removedSlot in
                                values.withUnsafeMutableBufferPointer { values in
                                    let x = values.baseAddress!
                                    for s32 in order {
                                        let s = Int(s32)
                                        // The state's own row is the accumulator: Q has no self-loops to read it.
                                        let row = x + s * width
                                        let r = rhs[s]
                                        row[0] = r.x
                                        row[1] = r.y
                                        for j in 2..<width { row[j] = r.x }
                                        for e in rowStart[s]..<rowStart[s + 1] {
                                            let p = probability[e]
                                            let t = x + Int(target[e]) * width
                                            for j in 0..<width { row[j] += p * t[j] }
                                        }
                                        let f = scale[s]
                                        for j in 0..<width { row[j] *= f }
                                        for k in removedStart[s]..<removedStart[s + 1] { row[Int(removedSlot[k])] = 0 }
                                        largestGap = max(largestGap, 1 - row[1])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return largestGap
    }

    /// States deepest-first by breadth-first distance from `(start)`: h of a
    /// state depends on its successors, which then mostly come earlier in a
    /// sweep. States the start cannot reach go first.
    func backwardSweepOrder() -> [Int32] {
        let n = stateCount
        guard n > 0 else { return [] }
        var seen = [Bool](repeating: false, count: n)
        var queue: [Int32] = [0]
        seen[0] = true
        var head = 0
        while head < queue.count {
            let s = Int(queue[head])
            head += 1
            for e in rowStart[s]..<rowStart[s + 1] where !seen[Int(target[e])] {
                seen[Int(target[e])] = true
                queue.append(target[e])
            }
        }
        var order: [Int32] = (0..<n).filter { !seen[$0] }.map { Int32($0) }
        order.append(contentsOf: queue.reversed())
        return order
    }
}
