import Foundation
import Testing

@testable import AttributionCore

@Suite struct ShapleyConversionRateTests {
    @Test func twoChannelHandWorkedGame() throws {
        // v(a) = 1/4, v(b) = 1/2, v(ab) = 3/4. On {a,b}: φa = (v(a) + v(ab) − v(b))/2 = 1/4,
        // φb = 1/2, so {a,b}'s 3 conversions go 1 : 2. Totals: a = 1 + 1, b = 1 + 2.
        let rows: [(String, Double, Double, Double)] = [("a", 1, 0, 3), ("b", 1, 0, 1), ("a>b", 3, 0, 1)]
        let r = try ConversionRateShapley().attribute(ShapleySupport.input(rows))
        let credit = Fixtures.credit(r)
        #expect(close(credit["a"]!, 2) && close(credit["b"]!, 3))
    }

    // v: a 1/2, b 0 (null only), c 1/4, ab 1/2, ac 0 (never seen), bc 1/2, abc 3/4.
    // {a,b}: φa = (1/2 + 1/2 − 0)/2 = 1/2, φb = 0            → 1 conversion: a 1, b 0.
    // {b,c}: φb = (0 + 1/2 − 1/4)/2 = 1/8, φc = 3/8           → 1 conversion: b 1/4, c 3/4.
    // {a,b,c}, weights 1/3 (alone), 1/6 (joining one), 1/3 (joining two):
    //   φa = 1/3·1/2 + 1/6·[(1/2 − 0) + (0 − 1/4)] + 1/3·(3/4 − 1/2) = 7/24
    //   φb = 0 + 1/6·[(1/2 − 1/2) + (1/2 − 1/4)] + 1/3·(3/4 − 0)     = 7/24
    //   φc = 1/3·1/4 + 1/6·[(0 − 1/2) + (1/2 − 0)] + 1/3·(3/4 − 1/2) = 4/24
    //   sum 3/4 = v(abc); 3 conversions → a 7/6, b 7/6, c 2/3; revenue 30 → 35/3, 35/3, 20/3.
    // Totals with {a} (1 conv, revenue 5) and {c} (1 conv):
    //   a = 1 + 1 + 7/6 = 19/6, b = 1/4 + 7/6 = 17/12, c = 1 + 3/4 + 2/3 = 29/12.
    static let threeChannels: [(String, Double, Double, Double)] = [
        ("a", 1, 5, 1), ("b", 0, 0, 4), ("c", 1, 0, 3), ("b>a>b", 1, 0, 1), ("b>c", 1, 0, 1),
        ("a>b>c", 2, 20, 0), ("c>a>a>b", 1, 10, 1), ("", 4, 40, 0),
    ]

    @Test func threeChannelHandWorkedGame() throws {
        let r = try ConversionRateShapley().attribute(ShapleySupport.input(Self.threeChannels))
        let credit = Fixtures.credit(r), revenue = Fixtures.revenue(r)
        #expect(close(credit["a"]!, 19.0 / 6) && close(credit["b"]!, 17.0 / 12) && close(credit["c"]!, 29.0 / 12))
        #expect(close(revenue["a"]!, 5 + 35.0 / 3) && close(revenue["b"]!, 35.0 / 3) && close(revenue["c"]!, 20.0 / 3))
        #expect(close(r.totalConversions, 7))  // the 4 touchless conversions stay unattributed
        #expect(ShapleySupport.detail(r, "exact_sets") == .integer(5))
        #expect(ShapleySupport.detail(r, "exact_conversions") == .number(7))
        #expect(ShapleySupport.detail(r, "sampled_sets") == .integer(0))
        #expect(ShapleySupport.detail(r, "sampled_conversions") == .number(0))
        let errors = r.tables.first { $0.fileName == "shapley_rate_errors.csv" }!
        #expect(errors.header == ["channel", "conversions", "standard_error"])
        #expect(errors.rows.allSatisfy { $0[2] == .number(0) })
        #expect(r.messages.isEmpty)
    }

    @Test func noRevenueWithoutAValueColumn() throws {
        let r = try ConversionRateShapley().attribute(ShapleySupport.input(Self.threeChannels, hasValue: false))
        #expect(r.revenue == nil)
    }

    /// The definition, independently: each converting set's conversions split in proportion
    /// to the Shapley value over all orderings of its channels of v = rate of the exact set.
    @Test func matchesTheDefinitionOnRandomGames() throws {
        for seed in 1...4 as ClosedRange<UInt64> {
            let rows = ShapleySupport.randomRows(channels: 6, paths: 80, maxLength: 5, seed: seed)
            let sets = ShapleySupport.channelSets(rows)
            func v(_ s: Set<String>) -> Double {
                guard let x = sets[s], x.c > 0 else { return 0 }
                return x.c / (x.c + x.n)
            }
            var expected: [String: Double] = [:]
            for (set, x) in sets where x.c > 0 {
                let phi = ShapleySupport.bruteForce(set.sorted(), value: v)
                for (channel, share) in phi { expected[channel, default: 0] += share / v(set) * x.c }
            }
            let credit = Fixtures.credit(try ConversionRateShapley().attribute(ShapleySupport.input(rows)))
            for (channel, x) in expected { #expect(close(credit[channel]!, x, 1e-9), "seed \(seed) \(channel)") }
        }
    }

    @Test func efficiencySymmetryAndNullPlayers() throws {
        var rows = ShapleySupport.randomRows(channels: 5, paths: 120, maxLength: 6, seed: 5)
        rows = rows.map { ($0.0.replacingOccurrences(of: "c4", with: "x"), $0.1, $0.2, $0.3) }
        rows += rows.map { ($0.0.replacingOccurrences(of: "x", with: "y"), $0.1, $0.2, $0.3) }
        rows.append(("z>c0>z", 0, 0, 9))  // z is in no converting set
        // d changes no rate: v(d) = 0 and v({c0,d}) = v({c0}) … as long as d joins only c0.
        if ShapleySupport.channelSets(rows)[["c0"]] == nil { rows.append(("c0", 1, 0, 1)) }
        let c0 = ShapleySupport.channelSets(rows)[["c0"]]!
        rows.append(("d", 0, 0, 5))
        rows.append(("c0>d", c0.c, 0, c0.n))
        let r = try ConversionRateShapley().attribute(ShapleySupport.input(rows))
        let credit = Fixtures.credit(r)
        #expect(close(r.totalConversions, rows.reduce(0) { $0 + $1.1 }, 1e-9))
        #expect(close(r.revenue!.reduce(0, +), rows.reduce(0) { $0 + $1.2 }, 1e-9))
        #expect(close(credit["x"]!, credit["y"]!, 1e-9))
        #expect(credit["z"]! == 0)
        #expect(abs(credit["d"]!) < 1e-12)
    }

    @Test func revenueWithoutConversionsIsSplitEqually() throws {
        // {a,b} has revenue but no conversion: v({a,b}) = 0, so φ sums to 0; fallback is equal.
        let rows: [(String, Double, Double, Double)] = [("a>b", 0, 10, 1), ("a", 1, 4, 1)]
        let r = try ConversionRateShapley().attribute(ShapleySupport.input(rows))
        let revenue = Fixtures.revenue(r), credit = Fixtures.credit(r)
        #expect(close(revenue["a"]!, 9) && close(revenue["b"]!, 5))
        #expect(close(credit["a"]!, 1) && credit["b"]! == 0)
        #expect(ShapleySupport.detail(r, "zero_rate_sets") == .integer(1))
        #expect(r.messages.contains { $0.contains("split equally") })
    }

    /// 14 channels, with sets of 13 and 14 channels: exact (limit 14) against sampled
    /// (limit 12) must agree within 4 reported standard errors, channel by channel.
    @Test func sampledAgreesWithExactWithinItsError() throws {
        var rows = ShapleySupport.randomRows(channels: 14, paths: 1500, maxLength: 12, seed: 21)
        var rng = SeededGenerator(seed: 99)
        for k in 0..<40 {
            var channels = (0..<14).map { "c\($0)" }
            if k % 2 == 1 { channels.remove(at: Int(rng.next() % 14)) }
            channels.shuffle(using: &rng)
            rows.append((channels.joined(separator: ">"), Double(1 + rng.next() % 5), 10, Double(rng.next() % 4)))
        }
        let input = ShapleySupport.input(rows)
        let exact = try ConversionRateShapley(exactMax: 14).attribute(input)
        let sampled = try ConversionRateShapley(exactMax: 12, samples: 2_000).attribute(input)
        #expect(ShapleySupport.detail(exact, "sampled_sets") == .integer(0))
        guard case .integer(let sampledSets) = ShapleySupport.detail(sampled, "sampled_sets") else {
            Issue.record("no sampled_sets detail")
            return
        }
        #expect(sampledSets >= 2)
        #expect(sampled.messages.contains { $0.contains("estimated from 2000 random orderings") })
        let errors = ShapleySupport.standardErrors(sampled)
        #expect(errors.count == 14 && errors.values.allSatisfy { $0 > 0 })
        let a = Fixtures.credit(exact), b = Fixtures.credit(sampled)
        for (channel, se) in errors {
            #expect(abs(b[channel]! - a[channel]!) <= 4 * se + 1e-9, "\(channel): exact \(a[channel]!) sampled \(b[channel]!) se \(se)")
        }
        // Sampled splits still give each set exactly its conversions.
        #expect(close(sampled.totalConversions, exact.totalConversions, 1e-9))
        // Reproducible from the seed, whatever ids the channels get (here: reversed rows).
        let again = try ConversionRateShapley(exactMax: 12, samples: 2_000).attribute(ShapleySupport.input(rows.reversed()))
        #expect(again.channels.names != input.channels.names)
        let c = Fixtures.credit(again)
        for (channel, x) in b { #expect(close(c[channel]!, x, 1e-9), "\(channel)") }
    }

    /// More than 64 channels: sets are wide bit sets; the game is the same as with masks.
    @Test func moreThan64ChannelsGiveTheSameGame() throws {
        let rows = ShapleySupport.randomRows(channels: 8, paths: 200, maxLength: 6, seed: 13)
        let small = try ConversionRateShapley().attribute(ShapleySupport.input(rows))
        // The same paths over a vocabulary where the used channels have ids ≥ 64.
        var channels = ChannelIndex(names: (0..<64).map { "unused\($0)" })
        let parsed = rows.map { row in (row.0.split(separator: ">").map { channels.id(for: String($0)) }, row) }
        var builder = PathTableBuilder(channels: channels)
        for (steps, row) in parsed { builder.add(steps[...], conversions: row.1, value: row.2, nulls: row.3) }
        let wide = try ConversionRateShapley().attribute(AttributionInput(paths: builder.table, journeys: nil, hasValue: true))
        #expect(wide.channels.count > 64)
        let a = Fixtures.credit(small), b = Fixtures.credit(wide)
        for (channel, x) in a { #expect(close(b[channel]!, x, 1e-9), "\(channel)") }
        #expect(b["unused0"]! == 0)
    }

    /// Wide sets in the sampled regime, and a journey with more distinct channels than
    /// sampling takes (64): an error that says to solve it exactly, which then works.
    @Test func wideSetsSampleAndHugeJourneysNeedTheExactLimit() throws {
        let channels = ChannelIndex(names: (0..<70).map { "c\($0)" })
        var builder = PathTableBuilder(channels: channels)
        var rng = SeededGenerator(seed: 4)
        for _ in 0..<400 {
            let path = (0..<(1 + rng.next() % 15)).map { _ in Int32(50 + rng.next() % 20) }
            builder.add(path[...], conversions: Double(rng.next() % 3), value: 0, nulls: Double(rng.next() % 3))
        }
        let input = AttributionInput(paths: builder.table, journeys: nil, hasValue: false)
        let exact = try ConversionRateShapley(exactMax: 20).attribute(input)
        let sampled = try ConversionRateShapley(exactMax: 6, samples: 1_000).attribute(input)
        let errors = ShapleySupport.standardErrors(sampled)
        #expect(errors.values.contains { $0 > 0 })
        let a = Fixtures.credit(exact), b = Fixtures.credit(sampled)
        for (channel, se) in errors { #expect(abs(b[channel]! - a[channel]!) <= 4 * se + 1e-9, "\(channel)") }
        #expect(close(sampled.totalConversions, input.paths.totalConversions, 1e-9))

        builder.add((0..<70).map { Int32($0) }[...], conversions: 2, value: 0, nulls: 1)
        let huge = AttributionInput(paths: builder.table, journeys: nil, hasValue: false)
        #expect(throws: ModelError.self) { try ConversionRateShapley().attribute(huge) }
        let solved = try ConversionRateShapley(exactMax: 70).attribute(huge)
        #expect(close(solved.totalConversions, huge.paths.totalConversions, 1e-9))
        #expect(ShapleySupport.detail(solved, "sampled_sets") == .integer(0))
    }

    @Test func exactSplitFindsSubsetsByEnumerationOrByScan() {
        // The same game on {c0,c1,c2}; padding with converting sets of other channels makes
        // the rate table large enough to switch from scanning to enumerating the 2^3 subsets.
        let game: [(String, Double, Double, Double)] = [("c0", 1, 0, 2), ("c1>c2", 2, 0, 1), ("c0>c1>c2", 3, 0, 1), ("c2", 1, 0, 0)]
        let padding = (3..<23).flatMap { i in (i + 1..<23).map { ("c\(i)>c\($0)", 1.0, 0.0, 1.0) } }
        var phis: [[Double]] = []
        for (rows, enumerates) in [(game, false), (game + padding, true)] {
            let sets = ShapleyChannelSets<UInt64>(paths: Fixtures.paths(rows))
            let rates = ShapleyRateTable(sets: sets)
            #expect(((1 << 3) * ShapleyRateTable<UInt64>.lookupCostInScans <= rates.count) == enumerates)
            let s = (0..<sets.count).first { sets.members(of: $0).count == 3 }!
            var split = ShapleyExactSplit()
            split.split(set: sets.keys[s], members: sets.members(of: s), rates: rates)
            phis.append(split.phi)
        }
        #expect(phis[0].count == 3)
        for i in 0..<3 { #expect(close(phis[0][i], phis[1][i])) }
        #expect(close(phis[0].reduce(0, +), 0.75))
    }

    @Test func rejectsBadSettings() {
        let input = ShapleySupport.input(Self.threeChannels)
        #expect(throws: ModelError.self) { try ConversionRateShapley(samples: 1).attribute(input) }
        #expect(throws: ModelError.self) { try ConversionRateShapley(exactMax: -1).attribute(input) }
    }

    @Test func registeredWithTheirOptions() throws {
        var options = ModelOptions()
        options.shapleyMaxPosition = 3
        options.shapleyExactMax = 5
        options.shapleySamples = 77
        options.seed = 9
        let models = try ModelRegistry.models(["shapley-rate", "shapley", "shapley-ordered"], options: options)
        #expect(models.map(\.name) == ["shapley", "shapley-ordered", "shapley-rate"])
        #expect((models[1] as? OrderedShapley)?.maxPosition == 3)
        let rate = models[2] as? ConversionRateShapley
        #expect(rate?.exactMax == 5 && rate?.samples == 77 && rate?.seed == 9)
    }
}
