import Foundation

/// P(conversion) of a chain and every channel's removal effect
/// RE_c = 1 − P(conversion without c) / P(conversion), each solved exactly.
struct MarkovRemovalEffects: Sendable {
    var pConversion: Double
    /// Indexed by channel id; 0 for channels the chain never reaches.
    var effects: [Double]
    var solver: MarkovSolver
    /// Gauss–Seidel sweeps of the sparse solve (0 for dense).
    var iterations: Int

    init(
        chain: MarkovChain, absorbing: AbsorbingChain, channelCount: Int, solver choice: MarkovSolverChoice,
        tolerance: Double
    ) throws {
        let n = absorbing.stateCount
        solver = choice.solver(stateCount: n)
        // The states each channel appears in: the states its removal turns into (null).
        var statesOf = [[Int32]](repeating: [], count: channelCount)
        for s in 1..<max(1, n) {
            chain.key.forEachChannel(of: chain.states.keys[s]) { c in
                if statesOf[Int(c)].last != Int32(s) { statesOf[Int(c)].append(Int32(s)) }
            }
        }
        let removalStates = statesOf
        let solved = (0..<channelCount).filter { !statesOf[$0].isEmpty }
        let without: [Double]
        switch solver {
        case .dense:
            let p = absorbing.solveDense(removing: nil)[0]
            // Independent removals, one per task.
            without = try parallelMapThrowing(chunks: max(1, p > 0 ? solved.count : 0)) { i -> Double in
                guard p > 0, i < solved.count else { return 0 }
                var removed = [Bool](repeating: false, count: n)
                for s in removalStates[solved[i]] { removed[Int(s)] = true }
                return absorbing.solveDense(removing: removed)[0]
            }
            pConversion = p
            iterations = 0
        case .sparse:
            // One block per core; each also carries the full chain (column 0),
            // the reference its removals are measured against, so no solve waits
            // for another.
            let order = chain.sweepOrder()
            let groups = chunkRanges(solved.count, chunks: max(1, min(solved.count, Parallelism.available)))
            let parts = try parallelMapThrowing(chunks: groups.count) { g in
                try absorbing.solveSparse(
                    removals: [[]] + groups[g].map { removalStates[solved[$0]] },
                    accuracy: .start(reference: nil), sweepOrder: order, tolerance: tolerance)
            }
            pConversion = parts[0].startConversion[0]
            without = parts.flatMap { $0.startConversion.dropFirst() }
            iterations = parts.map(\.iterations).max() ?? 0
        }
        var effects = [Double](repeating: 0, count: channelCount)
        if pConversion > 0 {
            for (i, c) in solved.enumerated() {
                // Removing states can only lower P(conversion); clamp rounding noise.
                effects[c] = min(1, max(0, 1 - without[i] / pConversion))
            }
        }
        self.effects = effects
    }
}
