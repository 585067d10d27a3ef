import PropertyBased
import Testing

@testable import AttributionCore

/// Properties every fast model keeps on any input, checked over random path tables
/// and random event tables (a failing case prints the seed that reproduces it).
@Suite struct ModelPropertyTests {
    static let models = try! ModelRegistry.models(["all"], options: ModelOptions())

    /// Random paths over `channels` channels; every path has a touch, counts whole.
    static func paths(seed: UInt64, channels: Int, rows: Int) -> PathTable {
        var rng = SeededGenerator(seed: seed)
        var builder = PathTableBuilder(channels: ChannelIndex(names: (0..<channels).map { "c\($0)" }))
        for _ in 0..<rows {
            let length = 1 + Int(rng.next() % 6)
            let path = (0..<length).map { _ in Int32(rng.next() % UInt64(channels)) }
            let conversions = Double(rng.next() % 4)
            builder.add(path[...], conversions: conversions, value: conversions * 10, nulls: Double(rng.next() % 6))
        }
        return builder.table
    }

    static func credits(_ r: ModelResult) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(r.channels.names, r.conversions))
    }

    static func run(_ paths: PathTable, journeys: JourneySet? = nil) throws -> [ModelResult] {
        try models.filter { journeys != nil || !$0.needsJourneys }
            .map { try $0.attribute(AttributionInput(paths: paths, journeys: journeys, hasValue: true)) }
    }

    @Test func creditsAddUpToTheConversionsAndSharesToOne() async {
        await propertyCheck(count: 40, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 1...7), Gen.int(in: 1...40)) {
            seed, channels, rows in
            let paths = Self.paths(seed: seed, channels: channels, rows: rows)
            guard paths.totalConversions > 0 else { return }
            for r in try! Self.run(paths) {
                #expect(abs(r.totalConversions - paths.totalConversions) < 1e-9 * max(1, paths.totalConversions), "\(r.model)")
                #expect(abs(r.shares.reduce(0, +) - 1) < 1e-9, "\(r.model)")
                #expect(abs(r.revenue!.reduce(0, +) - paths.totalValue) < 1e-9 * max(1, paths.totalValue), "\(r.model)")
                if r.model.hasPrefix("markov") {
                    for row in r.tables.first { $0.fileName.hasSuffix("_removal_effects.csv") }!.rows {
                        if case .number(let re) = row[1] { #expect(re >= -1e-12 && re <= 1 + 1e-12, "\(r.model) \(row)") }
                    }
                    if case .number(let p)? = r.details.first(where: { $0.key == "p_conversion" })?.value {
                        let rate = paths.totalConversions / (paths.totalConversions + paths.totalNulls)
                        #expect(abs(p - rate) < 1e-9, "\(r.model): \(p) vs \(rate)")
                    }
                }
            }
        }
    }

    /// The same journeys in another row order, or with the channels renamed, get the same credit.
    @Test func creditDoesNotDependOnRowOrderOrOnChannelNames() async {
        await propertyCheck(count: 30, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 2...6)) { seed, channels in
            let paths = Self.paths(seed: seed, channels: channels, rows: 25)
            guard paths.totalConversions > 0 else { return }
            var rng = SeededGenerator(seed: seed ^ 0xABCD)
            let order = (0..<paths.count).shuffled(using: &rng)
            let renamed = (0..<channels).map { "z\(channels - $0)" }
            var shuffled = PathTableBuilder(channels: ChannelIndex(names: renamed))
            for p in order {
                shuffled.add(paths.path(p), conversions: paths.conversions[p], value: paths.value[p], nulls: paths.nulls[p])
            }
            let a = try! Self.run(paths), b = try! Self.run(shuffled.table)
            for (x, y) in zip(a, b) {
                let cx = Self.credits(x), cy = Self.credits(y)
                for c in 0..<channels {
                    #expect(abs(cx["c\(c)"]! - cy[renamed[c]]!) < 1e-9 * max(1, paths.totalConversions), "\(x.model) c\(c)")
                }
            }
        }
    }

    /// Symmetry: when swapping two channels maps the table onto itself, every model
    /// gives them the same credit.
    @Test func channelsWithTheSameRoleGetTheSameCredit() async {
        await propertyCheck(count: 30, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 2...5)) { seed, channels in
            let base = Self.paths(seed: seed, channels: channels, rows: 15)
            guard base.totalConversions > 0 else { return }
            var both = PathTableBuilder(channels: base.channels)
            for p in 0..<base.count {
                let swapped = base.path(p).map { $0 == 0 ? Int32(1) : $0 == 1 ? Int32(0) : $0 }
                both.add(base.path(p), conversions: base.conversions[p], value: base.value[p], nulls: base.nulls[p])
                both.add(swapped[...], conversions: base.conversions[p], value: base.value[p], nulls: base.nulls[p])
            }
            for r in try! Self.run(both.table) {
                let c = Self.credits(r)
                #expect(abs(c["c0"]! - c["c1"]!) < 1e-9 * max(1, both.table.totalConversions), "\(r.model): \(c)")
            }
        }
    }

    /// Null player of the conversion-rate game: a channel whose presence never changes
    /// a set's conversion rate (every path appears once without it and once, with the
    /// same counts, with it) gets no credit.
    @Test func aChannelThatNeverChangesTheRateGetsNothingFromShapleyRate() async {
        await propertyCheck(count: 30, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 1...5)) { seed, channels in
            let base = Self.paths(seed: seed, channels: channels, rows: 15)
            guard base.totalConversions > 0 else { return }
            var names = base.channels.names
            names.append("null")
            var table = PathTableBuilder(channels: ChannelIndex(names: names))
            for p in 0..<base.count {
                table.add(base.path(p), conversions: base.conversions[p], value: base.value[p], nulls: base.nulls[p])
                table.add(base.path(p) + [Int32(channels)], conversions: base.conversions[p], value: base.value[p], nulls: base.nulls[p])
            }
            let r = try! ConversionRateShapley(exactMax: 12, samples: 100, seed: 1).attribute(
                AttributionInput(paths: table.table, journeys: nil, hasValue: true))
            #expect(abs(Self.credits(r)["null"]!) < 1e-9, "\(Self.credits(r))")
        }
    }

    /// Random event tables: the path-level models give the same credit from the
    /// journeys' path table whether or not the journeys come along.
    /// Random users with 1–5 touches on 4 channels, a third of them converting.
    static func events(seed: UInt64, users: Int) -> EventTable {
        var rng = SeededGenerator(seed: seed)
        var events = EventTable()
        events.channels = ChannelIndex(names: ["a", "b", "c", "d"])
        events.userCount = users
        for u in 0..<users {
            var t: Int64 = 1_700_000_000_000 + Int64(rng.next() % 1_000_000)
            for _ in 0..<(1 + rng.next() % 5) {
                t += Int64(rng.next() % 86_400_000)
                events.append(user: Int32(u), channel: Int32(rng.next() % 4), time: t, isConversion: false, value: 0)
            }
            if rng.next() % 3 == 0 { events.append(user: Int32(u), channel: -1, time: t + 1, isConversion: true, value: 5) }
        }
        return events
    }

    /// Journeys, paths and every model split over 1, 2, 3 or 5 cores (every input split,
    /// however small) give the same credit, to the last bit.
    @Test func creditDoesNotDependOnTheNumberOfCores() async {
        await propertyCheck(count: 25, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 2...80)) { seed, users in
            let events = Self.events(seed: seed, users: users)
            func fit(cores: Int) -> [ModelResult] {
                Parallelism.$cores.withValue(cores) {
                    Parallelism.$minimumPerChunk.withValue(1) {
                        let journeys = JourneyBuilder.build(events)
                        return try! Self.run(PathTable(journeys: journeys), journeys: journeys)
                    }
                }
            }
            let one = fit(cores: 1)
            guard one.contains(where: { $0.totalConversions > 0 }) else { return }
            for cores in [2, 3, 5] {
                let many = fit(cores: cores)
                #expect(many.map(\.model) == one.map(\.model))
                for (x, y) in zip(one, many) {
                    #expect(x.channels.names == y.channels.names, "\(x.model), \(cores) cores")
                    #expect(x.conversions == y.conversions, "\(x.model), \(cores) cores: \(x.conversions) vs \(y.conversions)")
                    #expect(x.revenue == y.revenue, "\(x.model), \(cores) cores")
                }
            }
        }
    }

    @Test func eventLevelAndPathLevelInputAgree() async {
        await propertyCheck(count: 30, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 1...60)) { seed, users in
            let events = Self.events(seed: seed, users: users)
            let journeys = JourneyBuilder.build(events)
            let paths = PathTable(journeys: journeys)
            guard paths.totalConversions > 0 else { return }
            let withJourneys = try! Self.run(paths, journeys: journeys).filter { r in
                !Self.models.first { $0.name == r.model }!.needsJourneys
            }
            let pathsOnly = try! Self.run(paths)
            #expect(withJourneys.map(\.model) == pathsOnly.map(\.model))
            for (x, y) in zip(withJourneys, pathsOnly) {
                #expect(x.conversions.count == y.conversions.count)
                for (a, b) in zip(x.conversions, y.conversions) { #expect(abs(a - b) < 1e-9, "\(x.model)") }
            }
        }
    }
}
