import Testing

@testable import AttributionCore

/// Chains small enough to solve by hand. Each expected value is worked out in
/// the comments with exact fractions (and was re-checked with Python's
/// `fractions`, by a separate solver, before being written here).
@Suite struct MarkovHandSolvedTests {
    static func run(
        _ rows: [(String, Double, Double, Double)], order: Int, solver: MarkovSolverChoice = .dense,
        hasValue: Bool = false
    ) throws -> ModelResult {
        let input = AttributionInput(paths: Fixtures.paths(rows), journeys: nil, hasValue: hasValue)
        // The sparse solver's bound is certified, so it can be asked for more than the 1e-12 checked here.
        return try MarkovModel(order: order, solver: solver, tolerance: 1e-14).attribute(input)
    }

    static func removalEffects(_ r: ModelResult) -> [String: Double] {
        let table = r.tables.first { $0.fileName.hasSuffix("_removal_effects.csv") }!
        var out: [String: Double] = [:]
        for row in table.rows {
            guard case .text(let name) = row[0], case .number(let re) = row[1] else { continue }
            out[name] = re
        }
        return out
    }

    static func pConversion(_ r: ModelResult) -> Double {
        guard case .number(let p)? = r.details.first(where: { $0.key == "p_conversion" })?.value else { return .nan }
        return p
    }

    // Order 1, no cycle. Counts: start→A 6, →B 4, →C 2; A→B 4, A→C 2;
    // B→conv 6, →null 4; C→B 2, C→null 2.
    // h_B = 3/5, h_C = 1/2·3/5 = 3/10, h_A = 2/3·3/5 + 1/3·3/10 = 1/2,
    // P = 1/2·1/2 + 1/3·3/5 + 1/6·3/10 = 1/2.
    // Without A: P = 1/3·3/5 + 1/6·3/10 = 1/4 → RE 1/2. Without B: P = 0 → RE 1.
    // Without C: h_A = 2/5, P = 1/2·2/5 + 1/5 = 2/5 → RE 1/5. ΣRE = 17/10;
    // 6 conversions → A 30/17, B 60/17, C 12/17.
    static let tree: [(String, Double, Double, Double)] = [
        ("A>B", 3, 0, 1), ("B", 1, 0, 3), ("A>C", 0, 0, 2), ("C>B", 2, 0, 0),
    ]

    @Test(arguments: [MarkovSolverChoice.dense, .sparse])
    func orderOneTree(solver: MarkovSolverChoice) throws {
        let r = try Self.run(Self.tree, order: 1, solver: solver)
        #expect(close(Self.pConversion(r), 1.0 / 2))
        let re = Self.removalEffects(r)
        #expect(close(re["A"]!, 1.0 / 2) && close(re["B"]!, 1) && close(re["C"]!, 1.0 / 5))
        let credit = Fixtures.credit(r)
        #expect(close(credit["A"]!, 30.0 / 17) && close(credit["B"]!, 60.0 / 17) && close(credit["C"]!, 12.0 / 17))
    }

    // Order 1 with a cycle A⇄B and a channel D seen only in null journeys.
    // A: →B 1, conv 2, null 1 (of 4); B: →A 1, null 1 (of 2); start: A 3, B 1, D 2.
    // h_A = 1/4·h_B + 1/2, h_B = 1/2·h_A → h_A = 4/7, h_B = 2/7;
    // P = 1/2·4/7 + 1/6·2/7 = 1/3. Without A: P = 0 → RE 1. Without B:
    // h_A = 1/2, P = 1/4 → RE 1/4. D: RE 0. ΣRE = 5/4; 2 conversions →
    // A 8/5, B 2/5; revenue 15 → A 12, B 3.
    @Test(arguments: [MarkovSolverChoice.dense, .sparse])
    func orderOneCycleWithNullOnlyChannel(solver: MarkovSolverChoice) throws {
        let rows: [(String, Double, Double, Double)] = [("A>B>A", 1, 10, 0), ("B", 0, 0, 1), ("A", 1, 5, 1), ("D", 0, 0, 2)]
        let r = try Self.run(rows, order: 1, solver: solver, hasValue: true)
        #expect(close(Self.pConversion(r), 1.0 / 3))
        let re = Self.removalEffects(r)
        #expect(close(re["A"]!, 1) && close(re["B"]!, 1.0 / 4) && re["D"]! == 0)
        let credit = Fixtures.credit(r), revenue = Fixtures.revenue(r)
        #expect(close(credit["A"]!, 8.0 / 5) && close(credit["B"]!, 2.0 / 5) && credit["D"]! == 0)
        #expect(close(revenue["A"]!, 12) && close(revenue["B"]!, 3) && revenue["D"]! == 0)
    }

    // The cycle data below at order 1: A: →B 5, conv 1, null 1 (of 7);
    // B: →A 3, conv 3, null 1 (of 7); C: →A 2; start: A 2, B 2, C 2.
    // h_A = 5/7·h_B + 1/7, h_B = 3/7·h_A + 3/7 → h_A = 11/17, h_B = 12/17,
    // h_C = 11/17; P = 1/3·34/17 = 2/3. Without A: h_B = 3/7, P = 1/7 → RE 11/14.
    // Without B: h_A = h_C = 1/7, P = 2/21 → RE 6/7. Without C: P = 23/51 → RE 11/34.
    static let cycle: [(String, Double, Double, Double)] = [
        ("A>B>A>B", 1, 0, 0), ("A>B", 0, 0, 1), ("B>A", 1, 0, 1), ("C>A>B", 2, 0, 0),
    ]

    @Test func orderOneCycle() throws {
        let r = try Self.run(Self.cycle, order: 1)
        #expect(close(Self.pConversion(r), 2.0 / 3))
        let re = Self.removalEffects(r)
        #expect(close(re["A"]!, 11.0 / 14) && close(re["B"]!, 6.0 / 7) && close(re["C"]!, 11.0 / 34))
    }

    // The same data at order 2. States (A), (B), (C), (A,B), (B,A), (C,A):
    // (A,B): →(B,A) 1, conv 3, null 1 (of 5); (B,A): →(A,B) 1, conv 1, null 1 (of 3);
    // (A)→(A,B), (C)→(C,A)→(A,B), (B)→(B,A) surely; start: (A) 2, (B) 2, (C) 2.
    // x = h(A,B) = 1/5·y + 3/5, y = h(B,A) = 1/3·x + 1/3 → x = 5/7, y = 4/7;
    // P = 1/3·(5/7 + 4/7 + 5/7) = 2/3. Removing A or B kills every converting
    // state → RE 1. Without C: P = 1/3·9/7 = 3/7 → RE 5/14 (order 1: 11/34).
    // ΣRE = 33/14; 4 conversions → A 56/33, B 56/33, C 20/33.
    @Test(arguments: [MarkovSolverChoice.dense, .sparse])
    func orderTwoCycle(solver: MarkovSolverChoice) throws {
        let r = try Self.run(Self.cycle, order: 2, solver: solver)
        #expect(close(Self.pConversion(r), 2.0 / 3))
        let re = Self.removalEffects(r)
        #expect(close(re["A"]!, 1) && close(re["B"]!, 1) && close(re["C"]!, 5.0 / 14))
        let credit = Fixtures.credit(r)
        #expect(close(credit["A"]!, 56.0 / 33) && close(credit["B"]!, 56.0 / 33) && close(credit["C"]!, 20.0 / 33))
        #expect(r.details.contains { $0.key == "states" && $0.value == .integer(6) })
    }

    // Order 3. States: (A), (A,B), (A,B,C), (B,C,A), (B,C,B), (C,B,C), (B), (B,C), (C), (C,B).
    // (B,C,A): conv 2, null 2 → 1/2. (C,B,C): →(B,C,A) 1, conv 2, null 1 (of 4)
    // → 1/4·1/2 + 1/2 = 5/8 = h(B,C,B) = h(C,B) = h(C). (A,B,C): →(B,C,A) 1,
    // →(B,C,B) 3 → 1/4·1/2 + 3/4·5/8 = 19/32 = h(A). h(B) = 1/2.
    // start: (A) 4, (B) 2, (C) 1 → P = 4/7·19/32 + 2/7·1/2 + 1/7·5/8 = 4/7.
    // Without A: only (C)→(C,B)→(C,B,C) converts, at 1/2 → P = 1/14, RE 7/8.
    // B and C sit in every converting state → RE 1. ΣRE = 23/8; 4 conversions
    // → A 28/23, B 32/23, C 32/23.
    @Test(arguments: [MarkovSolverChoice.dense, .sparse])
    func orderThree(solver: MarkovSolverChoice) throws {
        let rows: [(String, Double, Double, Double)] = [
            ("A>B>C>A", 1, 0, 0), ("B>C>A", 1, 0, 1), ("C>B>C>A", 0, 0, 1), ("A>B>C>B>C", 2, 0, 1),
        ]
        let r = try Self.run(rows, order: 3, solver: solver)
        #expect(close(Self.pConversion(r), 4.0 / 7))
        let re = Self.removalEffects(r)
        #expect(close(re["A"]!, 7.0 / 8) && close(re["B"]!, 1) && close(re["C"]!, 1))
        let credit = Fixtures.credit(r)
        #expect(close(credit["A"]!, 28.0 / 23) && close(credit["B"]!, 32.0 / 23) && close(credit["C"]!, 32.0 / 23))
        let transitions = r.tables.first { $0.fileName == "markov_transitions.csv" }!
        func probability(_ from: String, _ to: String) -> Double? {
            for row in transitions.rows where row[0] == .text(from) && row[1] == .text(to) {
                if case .number(let p) = row[2] { return p }
            }
            return nil
        }
        #expect(close(probability("A>B>C", "B>C>B")!, 3.0 / 4))
        #expect(close(probability("C>B>C", "(conversion)")!, 2.0 / 4))
        #expect(close(probability("(start)", "A")!, 4.0 / 7))
        #expect(probability("A", "A>B") == 1)
    }

    // Fractional weights: every count of `tree` halved gives the same chain.
    @Test func fractionalWeightsScale() throws {
        let halved = Self.tree.map { ($0.0, $0.1 / 2, $0.2, $0.3 / 2) }
        let r = try Self.run(halved, order: 1)
        let credit = Fixtures.credit(r)
        #expect(close(credit["A"]!, 15.0 / 17) && close(credit["B"]!, 30.0 / 17) && close(credit["C"]!, 6.0 / 17))
    }
}
