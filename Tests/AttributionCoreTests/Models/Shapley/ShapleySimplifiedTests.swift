import Testing

@testable import AttributionCore

@Suite struct ShapleySimplifiedTests {
    // Sets and R(S): {a}: 2, {a,b}: 3 + 1 (order and repeats do not matter), {a,b,c}: 3;
    // {c} and {d} never convert. φ = Σ_{S∋j} R(S)/|S|:
    //   a = 2 + 4/2 + 3/3 = 5, b = 4/2 + 3/3 = 3, c = 3/3 = 1, d = 0.
    // Revenue the same way: a = 20 + 40/2 + 60/3 = 60, b = 20 + 20 = 40, c = 20.
    static let rows: [(String, Double, Double, Double)] = [
        ("a", 2, 20, 1), ("a>b", 3, 30, 2), ("b>a>b", 1, 10, 0), ("c>b>a", 3, 60, 0),
        ("c", 0, 0, 5), ("d>d", 0, 0, 2), ("", 2, 8, 0),
    ]

    @Test func handWorkedGame() throws {
        let r = try SimplifiedShapley().attribute(ShapleySupport.input(Self.rows))
        let credit = Fixtures.credit(r), revenue = Fixtures.revenue(r)
        #expect(r.model == "shapley")
        for (channel, expected) in [("a", 5.0), ("b", 3), ("c", 1), ("d", 0)] {
            #expect(close(credit[channel]!, expected), "\(channel)")
        }
        for (channel, expected) in [("a", 60.0), ("b", 40), ("c", 20), ("d", 0)] {
            #expect(close(revenue[channel]!, expected), "\(channel)")
        }
        // The two conversions without a touch stay unattributed.
        #expect(close(r.totalConversions, 9))
    }

    @Test func noRevenueWithoutAValueColumn() throws {
        let r = try SimplifiedShapley().attribute(ShapleySupport.input(Self.rows, hasValue: false))
        #expect(r.revenue == nil)
    }

    /// Zhao et al.'s claim: the simplified value is the classic Shapley value of
    /// v(S) = Σ_{T⊆S} R(T). Checked against the definition over all orderings.
    @Test func equalsClassicShapleyOfTheCumulativeGame() throws {
        let rows = ShapleySupport.randomRows(channels: 5, paths: 60, maxLength: 4, seed: 7)
        let sets = ShapleySupport.channelSets(rows)
        let players = Set(sets.keys.flatMap { $0 }).sorted()
        let reference = ShapleySupport.bruteForce(players) { coalition in
            sets.filter { $0.key.isSubset(of: coalition) }.reduce(0) { $0 + $1.value.c }
        }
        let credit = Fixtures.credit(try SimplifiedShapley().attribute(ShapleySupport.input(rows)))
        for p in players { #expect(close(credit[p]!, reference[p]!, 1e-9), "\(p)") }
    }

    @Test func efficiencySymmetryAndNullPlayer() throws {
        // x and y are interchangeable (every path has its x↔y twin); z only in null journeys.
        var rows = ShapleySupport.randomRows(channels: 4, paths: 40, maxLength: 5, seed: 3)
        rows = rows.map { ($0.0.replacingOccurrences(of: "c3", with: "x"), $0.1, $0.2, $0.3) }
        rows += rows.map { ($0.0.replacingOccurrences(of: "x", with: "y"), $0.1, $0.2, $0.3) }
        rows.append(("z>c0>z", 0, 0, 9))
        let r = try SimplifiedShapley().attribute(ShapleySupport.input(rows))
        let credit = Fixtures.credit(r)
        #expect(close(r.totalConversions, rows.reduce(0) { $0 + $1.1 }, 1e-9))
        #expect(close(credit["x"]!, credit["y"]!, 1e-9))
        #expect(credit["z"]! == 0)
    }
}
