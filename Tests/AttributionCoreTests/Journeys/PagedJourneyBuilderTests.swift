import Testing

@testable import AttributionCore

/// Cutting journeys a page of users at a time gives the journeys of one cut over all
/// events, whatever the page split, with top-N, transforms, lookback and a window.
@Suite struct PagedJourneyBuilderTests {
    static let events: EventTable = {
        var config = SyntheticTouchpoints.Config(users: 900)
        config.seed = 11
        return SyntheticTouchpoints.generate(config)
    }()

    /// The users with `u % pages == page`, renumbered, channels numbered in order of
    /// first appearance in the page (as a database page reader does).
    static func page(_ events: EventTable, _ page: Int, of pages: Int) -> EventTable {
        var out = EventTable()
        var users: [Int32: Int32] = [:]
        var channels: [Int32: Int32] = [:]
        var names = ChannelIndex()
        for i in 0..<events.count where Int(events.user[i]) % pages == page {
            let u = users[events.user[i]] ?? Int32(users.count)
            users[events.user[i]] = u
            var c: Int32 = -1
            if events.channel[i] >= 0 {
                c = channels[events.channel[i]] ?? names.id(for: events.channels[events.channel[i]])
                channels[events.channel[i]] = c
            }
            out.append(user: u, channel: c, time: events.time[i], isConversion: events.isConversion[i], value: events.value[i])
        }
        out.channels = names
        out.userCount = users.count
        return out
    }

    static func touchCounts(_ events: EventTable) -> [String: Int] {
        var counts: [String: Int] = [:]
        for c in events.channel where c >= 0 { counts[events.channels[c], default: 0] += 1 }
        return counts
    }

    /// Each journey as text (channel names, times, outcome), sorted: page order is not journey order.
    static func described(_ j: JourneySet) -> [String] {
        (0..<j.count).map { k in
            let t = j.touches(k)
            return zip(j.touchChannel[t], j.touchTime[t]).map { "\(j.channels[$0.0])@\($0.1)" }.joined(separator: ">")
                + " \(j.converted[k]) \(j.endTime[k]) \(j.value[k])"
        }.sorted()
    }

    static let settings: [JourneyOptions] = {
        var frequency = JourneyOptions(rule: .everyConversion, topChannels: 5, transforms: PathTransforms(kind: .frequency))
        frequency.lookbackDays = 20
        var windowed = JourneyOptions(rule: .firstConversion, topChannels: 3, transforms: PathTransforms(kind: .exposure, maxPathLength: 4))
        windowed.window = ConversionWindow(
            start: 1_704_067_200_000 + 20 * ConversionWindow.dayMs,
            end: 1_704_067_200_000 + 50 * ConversionWindow.dayMs)
        return [
            JourneyOptions(),
            JourneyOptions(rule: .everyConversion, lookbackDays: 10, topChannels: 8),
            JourneyOptions(topChannels: 4, transforms: PathTransforms(kind: .first, removeIfLastAndNotAll: ["direct"])),
            frequency, windowed,
        ]
    }()

    @Test(arguments: [1, 3, 7])
    func pagesGiveTheJourneysOfOneCut(pages: Int) {
        for options in Self.settings {
            let whole = JourneyBuilder.build(Self.events, options: options)
            var paged = PagedJourneyBuilder(options: options, touchCounts: Self.touchCounts(Self.events))
            for p in 0..<pages { paged.add(Self.page(Self.events, p, of: pages)) }
            #expect(paged.events == Self.events.count)
            #expect(paged.journeys.userCount == whole.userCount)
            #expect(Set(paged.journeys.channels.names) == Set(whole.channels.names), "\(options)")
            #expect(Self.described(paged.journeys) == Self.described(whole), "\(pages) pages, \(options)")
            // The path table (what path models read) is the same too, up to channel numbering.
            let a = PathTable(journeys: paged.journeys), b = PathTable(journeys: whole)
            #expect(a.count == b.count && a.conversions.reduce(0, +) == b.conversions.reduce(0, +))
        }
    }

    @Test func topNWithoutCountsOfAChannelFoldsItIntoOthers() {
        // A channel the counts never saw (it cannot happen with a consistent source) is not dropped silently.
        let options = JourneyOptions(topChannels: 1)
        var paged = PagedJourneyBuilder(options: options, touchCounts: ["email": 10, "search": 1])
        paged.add(Fixtures.events([("A", "email", 1, 0), ("A", "video", 2, 0), ("A", nil, 3, 5)]))
        #expect(Fixtures.names(paged.journeys, 0) == ["email", "others"])
    }
}
