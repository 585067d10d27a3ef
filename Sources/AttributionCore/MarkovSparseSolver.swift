extension AbsorbingChain {
    /// Gauss–Seidel on (I − Q) h = r, started from zero, over the CSR rows.
    ///
    /// Started from zero with nonnegative Q and r, the iterates rise
    /// monotonically to h. The same sweep carries u, the absorption in either
    /// absorbing state (right side r_conversion + r_null), whose limit is 1; so
    /// 1 − u bounds the remaining error of h, and the stopping rule is a
    /// certified bound rather than a small change between sweeps.
    func solveSparse(removing removed: [Bool]?, accuracy: AbsorptionAccuracy,
                     sweepOrder: [Int32], tolerance: Double) throws -> AbsorptionSolution
    {
        var removedStates: [Int32] = []
        if let removed { for s in 0..<stateCount where removed[s] { removedStates.append(Int32(s)) } }
        let block = try solveSparse(removals: [removedStates], accuracy: accuracy,
                                    sweepOrder: sweepOrder, tolerance: tolerance)
        return AbsorptionSolution(conversion: block.conversion, iterations: block.iterations)
    }

    /// Several removals solved in one pass over the transitions: column j has
    /// the states `removals[j]` turned into `(null)`. Each state keeps the
    /// values of all columns side by side, so a transition loads its target's
    /// values for every column at once instead of one cache miss per column.
    /// Returns the start state's P(conversion) per column, all states when
    /// there is one column. `.start(reference: nil)` measures every column
    /// against column 0, which should then be the chain without removals.
    func solveSparse(removals: [[Int32]], accuracy: AbsorptionAccuracy, sweepOrder: [Int32],
                     tolerance: Double, maxSweeps: Int = 100_000) throws -> (conversion: [Double], startConversion: [Double], iterations: Int)
    {
        let n = stateCount, m = removals.count
        // (h, u) per state and column; a removed state is already absorbed in (null): h 0, u 1.
        var values = [SIMD2<Double>](repeating: .zero, count: n * m)
        // Which columns each state is removed in, as CSR.
        var removedStart = [Int](repeating: 0, count: n + 1)
        for list in removals { for s in list { removedStart[Int(s) + 1] += 1 } }
        for s in 0..<n { removedStart[s + 1] += removedStart[s] }
        var removedColumn = [Int32](repeating: 0, count: removedStart[n])
        var fill = removedStart
        for (j, list) in removals.enumerated() {
            for s in list {
                removedColumn[fill[Int(s)]] = Int32(j)
                fill[Int(s)] += 1
                values[Int(s) * m + j] = SIMD2(0, 1)
            }
        }
        // States removed in every column never change.
        let order = sweepOrder.filter { removedStart[Int($0) + 1] - removedStart[Int($0)] < m }
        let converts = order.contains { conversion[Int($0)] > 0 }
        guard converts, m > 0 else {
            let h = [Double](repeating: 0, count: m == 1 ? n : 0)
            return (h, [Double](repeating: 0, count: m), 0)
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
            let largestGap = Self.sweep(order: order, columns: m, rowStart: rowStart, target: target,
                                        probability: probability, rhs: rhs, scale: scale,
                                        removedStart: removedStart, removedColumn: removedColumn, values: &values)
            var done = true
            switch accuracy {
            case .allStates:
                done = largestGap <= tolerance
            case .start(let reference):
                // Without a reference, column 0's estimate, a lower bound of its P(conversion).
                for j in 0..<m {
                    let threshold = tolerance * (reference ?? values[0].x)
                    if 1 - values[j].y > (threshold > 0 ? threshold : tolerance) { done = false }
                }
            }
            if done { break }
            if sweeps >= maxSweeps {
                throw MarkovError("sparse solver did not reach tolerance \(tolerance) in \(maxSweeps) sweeps")
            }
        }
        let start = (0..<m).map { values[$0].x }
        return (m == 1 ? values.map(\.x) : [], start, sweeps)
    }

    /// One Gauss–Seidel sweep over every column; returns the largest 1 − u.
    private static func sweep(order: [Int32], columns m: Int, rowStart: [Int], target: [Int32],
                              probability: [Double], rhs: [SIMD2<Double>], scale: [Double],
                              removedStart: [Int], removedColumn: [Int32],
                              values: inout [SIMD2<Double>]) -> Double
    {
        var largestGap = 0.0
        order.withUnsafeBufferPointer { order in
        rowStart.withUnsafeBufferPointer { rowStart in
        target.withUnsafeBufferPointer { target in
        probability.withUnsafeBufferPointer { probability in
        removedStart.withUnsafeBufferPointer { removedStart in
        removedColumn.withUnsafeBufferPointer { removedColumn in
        values.withUnsafeMutableBufferPointer { values in
            let x = values.baseAddress!
            for s32 in order {
                let s = Int(s32)
                // The state's own row is the accumulator: Q has no self-loops to read it.
                let row = x + s * m
                let r = rhs[s]
                for j in 0..<m { row[j] = r }
                for e in rowStart[s]..<rowStart[s + 1] {
                    let p = probability[e]
                    let t = x + Int(target[e]) * m
                    for j in 0..<m { row[j] += p * t[j] }
                }
                let f = scale[s]
                for j in 0..<m { row[j] *= f }
                for k in removedStart[s]..<removedStart[s + 1] { row[Int(removedColumn[k])] = SIMD2(0, 1) }
                for j in 0..<m { largestGap = max(largestGap, 1 - row[j].y) }
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
