import Testing

@testable import AttributionCore

/// Random path tables for the Markov tests.
enum MarkovTestData {
    /// `rows` random paths over channels c0…c(n-1); counts are whole or halves.
    static func paths(channels: Int, rows: Int, maxLength: Int, seed: UInt64) -> PathTable {
        var rng = SeededGenerator(seed: seed)
        let index = ChannelIndex(names: (0..<channels).map { "c\($0)" })
        var builder = PathTableBuilder(channels: index)
        for _ in 0..<rows {
            let length = 1 + Int(rng.next() % UInt64(maxLength))
            let path = (0..<length).map { _ in Int32(rng.next() % UInt64(channels)) }
            let conversions = Double(rng.next() % 5) / (rng.next() % 4 == 0 ? 2 : 1)
            let nulls = Double(rng.next() % 7)
            builder.add(path[...], conversions: conversions, value: conversions * 12.5, nulls: nulls)
        }
        return builder.table
    }

    static func input(_ paths: PathTable, hasValue: Bool = true) -> AttributionInput {
        AttributionInput(paths: paths, journeys: nil, hasValue: hasValue)
    }

    /// Removal effects indexed by channel id.
    static func removalEffects(_ r: ModelResult) -> [Double] {
        var out = [Double](repeating: .nan, count: r.channels.count)
        for row in r.tables.first(where: { $0.fileName.hasSuffix("_removal_effects.csv") })!.rows {
            if case .text(let name) = row[0], case .number(let re) = row[1], let c = r.channels.lookup(name) {
                out[Int(c)] = re
            }
        }
        return out
    }
}

@Suite struct MarkovInvariantTests {
    @Test(arguments: [1, 2, 3])
    func effectsInUnitIntervalAndCreditsSumToConversions(order: Int) throws {
        for seed: UInt64 in 1...4 {
            let paths = MarkovTestData.paths(channels: 5, rows: 60, maxLength: 6, seed: seed)
            let r = try MarkovModel(order: order).attribute(MarkovTestData.input(paths))
            for re in MarkovTestData.removalEffects(r) { #expect(re >= 0 && re <= 1) }
            #expect(close(r.totalConversions, paths.totalConversions, 1e-9))
            #expect(close(r.revenue!.reduce(0, +), paths.totalValue, 1e-9))
            #expect(close(r.shares.reduce(0, +), 1, 1e-12))
        }
    }

    /// The fitted chain's transition counts are a flow from (start) that it
    /// reproduces in expectation, so P(conversion) is the observed conversion
    /// rate at every order (a check independent of the solver).
    @Test(arguments: [1, 2, 3, 4])
    func pConversionIsTheObservedRate(order: Int) throws {
        let paths = MarkovTestData.paths(channels: 6, rows: 120, maxLength: 8, seed: 99)
        for solver in [MarkovSolverChoice.dense, .sparse] {
            let r = try MarkovModel(order: order, solver: solver).attribute(MarkovTestData.input(paths))
            guard case .number(let p)? = r.details.first(where: { $0.key == "p_conversion" })?.value else {
                Issue.record("no p_conversion")
                continue
            }
            let rate = paths.totalConversions / (paths.totalConversions + paths.totalNulls)
            #expect(abs(p - rate) <= (solver == .dense ? 1e-12 : 1e-10 * rate))
        }
    }

    /// A channel that only ever ends null journeys has absorption 0 in every
    /// state holding it, so removing it changes nothing.
    @Test(arguments: [1, 2, 3])
    func channelSeenOnlyInNullJourneysGetsNothing(order: Int) throws {
        var paths = MarkovTestData.paths(channels: 4, rows: 40, maxLength: 5, seed: 7)
        let z = paths.channels.id(for: "z")
        paths.appendRow([z], conversions: 0, value: 0, nulls: 5)
        paths.appendRow([0, 1, z], conversions: 0, value: 0, nulls: 2)
        paths.appendRow([2, z, z], conversions: 0, value: 0, nulls: 1)
        let r = try MarkovModel(order: order).attribute(MarkovTestData.input(paths))
        #expect(abs(MarkovTestData.removalEffects(r)[Int(z)]) <= 1e-12)
        #expect(abs(r.conversions[Int(z)]) <= 1e-12)
    }

    /// Not a bug: a channel seen only in null journeys but followed there by
    /// channels that convert elsewhere leads the chain towards conversion, so
    /// its removal lowers P(conversion). Here start→b 1/3, start→z 2/3,
    /// z→b 1/2, b converts 1/2: h_b = 1/2, h_z = 1/4, P = 1/6 + 1/6 = 1/3;
    /// without z P = 1/6 → RE_z = 1/2; without b P = 0 → RE_b = 1.
    @Test func nullOnlyChannelLeadingToConversionsGetsCredit() throws {
        let r = try MarkovModel(order: 1).attribute(
            MarkovTestData.input(Fixtures.paths([("b", 1, 0, 0), ("z>b", 0, 0, 1), ("z", 0, 0, 1)])))
        let re = MarkovTestData.removalEffects(r)
        #expect(close(re[0], 1) && close(re[1], 1.0 / 2))
    }

    /// Repeating a touch only adds a self-loop, which does not change absorption at order 1.
    @Test func repeatedTouchesDoNotChangeOrderOne() throws {
        let paths = MarkovTestData.paths(channels: 5, rows: 80, maxLength: 5, seed: 11)
        var repeated = PathTable(channels: paths.channels)
        var rng = SeededGenerator(seed: 3)
        for p in 0..<paths.count {
            var steps: [Int32] = []
            for c in paths.path(p) {
                steps.append(c)
                for _ in 0..<Int(rng.next() % 3) { steps.append(c) }
            }
            repeated.appendRow(steps, conversions: paths.conversions[p], value: paths.value[p], nulls: paths.nulls[p])
        }
        let a = try MarkovModel(order: 1).attribute(MarkovTestData.input(paths))
        let b = try MarkovModel(order: 1).attribute(MarkovTestData.input(repeated))
        for c in 0..<paths.channels.count {
            #expect(close(a.conversions[c], b.conversions[c]))
            #expect(close(MarkovTestData.removalEffects(a)[c], MarkovTestData.removalEffects(b)[c]))
        }
    }

    /// Conversions with an empty path are reported by the path table, credited to no channel.
    @Test func unattributedConversionsAreNotCredited() throws {
        var paths = MarkovTestData.paths(channels: 3, rows: 20, maxLength: 4, seed: 5)
        paths.unattributedConversions = 9
        let r = try MarkovModel(order: 1).attribute(MarkovTestData.input(paths))
        #expect(close(r.totalConversions, paths.totalConversions, 1e-9))
    }

    @Test func noConversionsGiveNoCredit() throws {
        let paths = Fixtures.paths([("a>b", 0, 0, 3), ("b", 0, 0, 1)])
        let r = try MarkovModel(order: 2).attribute(MarkovTestData.input(paths, hasValue: false))
        #expect(r.conversions == [0, 0])
        #expect(r.revenue == nil)
        #expect(MarkovTestData.removalEffects(r) == [0, 0])
    }

    @Test func emptyPathTable() throws {
        var paths = PathTable(channels: ChannelIndex())
        paths.unattributedConversions = 2
        for order in [1, 3] {
            let r = try MarkovModel(order: order).attribute(MarkovTestData.input(paths))
            #expect(r.conversions.isEmpty && r.details.contains { $0.key == "p_conversion" && $0.value == .number(0) })
        }
        let auto = try MarkovAutoOrderModel(maxOrder: 2, seed: 1).attribute(MarkovTestData.input(paths))
        #expect(auto.conversions.isEmpty)
    }

    @Test func invalidOrderIsAModelError() {
        let input = MarkovTestData.input(Fixtures.paths([("a", 1, 0, 1)]))
        #expect(throws: ModelError.self) { try MarkovModel(order: 0).attribute(input) }
        #expect(throws: ModelError.self) { try MarkovModel(order: 65).attribute(input) }
    }
}
