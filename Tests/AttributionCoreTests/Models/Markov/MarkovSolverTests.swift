import Testing

@testable import AttributionCore

@Suite struct MarkovSolverTests {
    /// A random absorbing chain: each state has a few successors (cycles and
    /// self-loops included) and leaks to (conversion) and (null).
    static func randomChain(states n: Int, seed: UInt64) -> AbsorbingChain {
        var rng = SeededGenerator(seed: seed)
        var chain = AbsorbingChain(stateCount: n)
        for s in 0..<n {
            var targets: [Int32: Double] = [:]
            for _ in 0..<(1 + Int(rng.next() % 5)) { targets[Int32(rng.next() % UInt64(n)), default: 0] += rng.nextUnit() }
            let conversion = rng.nextUnit() * (rng.next() % 3 == 0 ? 0 : 0.3)
            let null = 0.05 + rng.nextUnit() * 0.3
            let total = targets.values.reduce(0, +) + conversion + null
            for (t, w) in targets.sorted(by: { $0.key < $1.key }) {
                if Int(t) == s {
                    chain.stay[s] = w / total
                } else {
                    chain.target.append(t)
                    chain.probability.append(w / total)
                }
            }
            chain.rowStart.append(chain.target.count)
            chain.conversion[s] = conversion / total
            chain.null[s] = null / total
        }
        return chain
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func denseAndSparseAgreeOnARandomChain(seed: UInt64) throws {
        let chain = Self.randomChain(states: 150, seed: seed)
        let dense = try chain.solve(.dense)
        let sparse = try chain.solve(.sparse, accuracy: .allStates)
        #expect(sparse.iterations > 0)
        for s in 0..<chain.stateCount {
            #expect(abs(dense.conversion[s] - sparse.conversion[s]) <= 1e-9)
            #expect(dense.conversion[s] >= 0 && dense.conversion[s] <= 1)
        }
        // With states removed, as a channel's removal does.
        var rng = SeededGenerator(seed: seed + 100)
        let removed = (0..<chain.stateCount).map { $0 != 0 && rng.next() % 4 == 0 }
        let p = dense.conversion[0]
        let d = try chain.solve(.dense, removing: removed)
        let sp = try chain.solve(.sparse, removing: removed, accuracy: .start(reference: p))
        #expect(abs(d.conversion[0] - sp.conversion[0]) <= 1e-10 * p)
        for s in 0..<chain.stateCount where removed[s] { #expect(d.conversion[s] == 0 && sp.conversion[s] == 0) }
    }

    /// The sparse solution is a certified lower bound: never above the exact value.
    @Test func sparseApproachesFromBelow() throws {
        let chain = Self.randomChain(states: 60, seed: 9)
        let dense = try chain.solve(.dense)
        let sparse = try chain.solve(.sparse, tolerance: 1e-4)
        #expect(sparse.conversion[0] <= dense.conversion[0] + 1e-15)
        #expect(dense.conversion[0] - sparse.conversion[0] <= 1e-4 * sparse.conversion[0] + 1e-15)
    }

    /// Whole models: every removal effect agrees whichever solver ran.
    @Test(arguments: [2, 3])
    func modelsAgreeAcrossSolvers(order: Int) throws {
        let paths = MarkovTestData.paths(channels: 6, rows: 150, maxLength: 7, seed: 21)
        let input = MarkovTestData.input(paths)
        let dense = try MarkovModel(order: order, solver: .dense).attribute(input)
        let sparse = try MarkovModel(order: order, solver: .sparse).attribute(input)
        #expect(dense.details.contains { $0.key == "solver" && $0.value == .text("dense") })
        #expect(sparse.details.contains { $0.key == "solver" && $0.value == .text("sparse") })
        #expect(sparse.details.contains { $0.key == "iterations" })
        let a = MarkovTestData.removalEffects(dense), b = MarkovTestData.removalEffects(sparse)
        for c in a.indices {
            #expect(abs(a[c] - b[c]) <= 1e-9)
            #expect(abs(dense.conversions[c] - sparse.conversions[c]) <= 1e-9 * paths.totalConversions)
        }
    }

    /// Both ways of counting transitions (slot table, per-touch records) build the same chain.
    @Test(arguments: [1, 2, 4])
    func countingStrategiesAgree(order: Int) throws {
        let paths = MarkovTestData.paths(channels: 5, rows: 200, maxLength: 9, seed: 4)
        let slots = try MarkovChain(paths: paths, order: order)
        let records = try MarkovChain(
            paths: paths, order: order, conversions: paths.conversions,
            nulls: paths.nulls, slotTableLimit: 0)
        #expect(slots.states.keys == records.states.keys)
        #expect(slots.rowStart == records.rowStart && slots.target == records.target)
        #expect(slots.weight == records.weight)
        #expect(slots.toConversion == records.toConversion && slots.toNull == records.toNull)
    }

    @Test func gaussianEliminationNeedsPivoting() {
        // A zero on the first diagonal entry: fails without a row swap.
        var a: [Double] = [0, 1, 2, 1]
        var b: [Double] = [3, 4]
        let x = AbsorbingChain.gaussianElimination(&a, &b, size: 2)
        #expect(close(x[0], 0.5) && close(x[1], 3))
    }
}
