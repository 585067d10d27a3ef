import Testing

@testable import AttributionCore

/// The generated events: reproducible from the seed alone and a realistic demo at the defaults.
@Suite struct SyntheticTouchpointsTests {
    static func config(users: Int, seed: UInt64 = 5, confounding: Double = 0) -> SyntheticTouchpoints.Config {
        var c = SyntheticTouchpoints.Config(users: users)
        c.seed = seed
        c.confounding = confounding
        return c
    }

    static func same(_ a: EventTable, _ b: EventTable) -> Bool {
        a.user == b.user && a.channel == b.channel && a.time == b.time && a.isConversion == b.isConversion
            && a.value == b.value && a.channels == b.channels && a.userCount == b.userCount
    }

    @Test func theSameSeedGivesTheSameEventsAndAnotherSeedOtherOnes() {
        let a = SyntheticTouchpoints.generate(Self.config(users: 3_000))
        let b = SyntheticTouchpoints.generate(Self.config(users: 3_000))
        let c = SyntheticTouchpoints.generate(Self.config(users: 3_000, seed: 6))
        #expect(Self.same(a, b))
        #expect(!Self.same(a, c))
    }

    @Test func theSplitOverCoresChangesNothing() {
        let config = Self.config(users: 5_000, confounding: 1)
        let serial = SyntheticTouchpoints.simulate(config, events: true, truth: true, chunks: 1)
        for chunks in [2, 3, 7] {
            let split = SyntheticTouchpoints.simulate(config, events: true, truth: true, chunks: chunks)
            #expect(Self.same(serial.events, split.events), "\(chunks) chunks")
            #expect(serial.truth == split.truth, "\(chunks) chunks")
        }
        // And the public entry points (whatever split this machine picks) agree with it.
        #expect(Self.same(SyntheticTouchpoints.generate(config), serial.events))
        #expect(SyntheticTouchpoints.truth(config) == serial.truth)
    }

    /// A user's draws do not depend on how many users there are: the first users of a
    /// larger sample are the whole of a smaller one.
    @Test func aUserIsTheSameWhateverTheSampleSize() {
        let small = SyntheticTouchpoints.generate(Self.config(users: 200))
        let large = SyntheticTouchpoints.generate(Self.config(users: 400))
        let prefix = large.user.firstIndex { $0 >= 200 }!
        #expect(Array(large.time[..<prefix]) == small.time && Array(large.channel[..<prefix]) == small.channel)
    }

    @Test func defaultsMakeARealisticDemo() {
        let users = 20_000
        let e = SyntheticTouchpoints.generate(Self.config(users: users, seed: 1))
        #expect(e.channels.names.count == 12 && e.channels.names.first == "paid_search")
        let touches = e.channel.filter { $0 >= 0 }.count
        let conversions = e.conversionCount
        // A few percent convert, with about 8 touches each.
        #expect(Double(conversions) / Double(users) > 0.03 && Double(conversions) / Double(users) < 0.06, "\(conversions)")
        #expect(Double(touches) / Double(users) > 5 && Double(touches) / Double(users) < 10, "\(touches)")

        let start = SyntheticTouchpoints.Config(users: 1).start, day: Int64 = 86_400_000
        var firstTime: [Int32: Int64] = [:], converted: Set<Int32> = [], touchedAfter: Set<Int32> = []
        var previous: (user: Int32, time: Int64) = (-1, 0)
        for i in 0..<e.count {
            let u = e.user[i]
            // Rows come per user, in time order, in whole seconds.
            #expect(u > previous.user || (u == previous.user && e.time[i] >= previous.time))
            #expect(e.time[i] % 1000 == 0)
            previous = (u, e.time[i])
            if firstTime[u] == nil { firstTime[u] = e.time[i] }
            if e.isConversion[i] {
                #expect(e.channel[i] == -1 && e.value[i] > 0 && !converted.contains(u))
                converted.insert(u)
            } else {
                #expect(e.channel[i] >= 0 && e.value[i] == 0)
                if converted.contains(u) { touchedAfter.insert(u) }
            }
        }
        // Journeys start within --days (60) days of 2024-01-01; every user has touches.
        #expect(firstTime.count == users)
        #expect(firstTime.values.allSatisfy { $0 >= start && $0 < start + 60 * day })
        #expect(e.time.allSatisfy { $0 < start + (60 + 28) * day })
        // Some converters keep being touched after they buy, most do not.
        #expect(touchedAfter.count > converted.count / 10 && touchedAfter.count < converted.count / 2, "\(touchedAfter.count)")
    }

    /// The conversion comes after the touches of its day, and a channel with effect 0
    /// is still shown to users (it is in the data, it just does nothing).
    @Test func conversionFollowsItsDaysTouches() {
        let e = SyntheticTouchpoints.generate(Self.config(users: 5_000))
        let day: Int64 = 86_400_000
        for i in 1..<e.count where e.isConversion[i] && e.user[i - 1] == e.user[i] {
            if e.time[i - 1] / day == e.time[i] / day { #expect(e.time[i - 1] < e.time[i]) }
        }
        #expect(e.channel.contains(e.channels.lookup("display")!))
    }

    @Test func moreChannelsAndFewerDaysAreHonoured() {
        var config = Self.config(users: 2_000)
        config.channels = 20
        config.days = 5
        let e = SyntheticTouchpoints.generate(config)
        #expect(e.channels.names.count == 20 && e.channels.names.last == "webinar")
        let start = config.start, day: Int64 = 86_400_000
        var first: [Int32: Int64] = [:]
        for i in 0..<e.count where first[e.user[i]] == nil { first[e.user[i]] = e.time[i] }
        #expect(first.values.allSatisfy { $0 < start + 5 * day })
    }
}
