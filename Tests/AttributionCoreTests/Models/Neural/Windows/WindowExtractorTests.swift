import Testing

@testable import AttributionCore

/// Windows worked out by hand, and invariants on generated journeys.
@Suite struct WindowExtractorTests {
    /// window (channel names per day, oldest first, "-" for none) → (positives, negatives).
    static func described(_ counts: WindowCounts, _ events: EventTable) -> [String: (Int64, Int64)] {
        described(counts, names: events.channels.names)
    }

    static func described(_ counts: WindowCounts, names channelNames: [String]) -> [String: (Int64, Int64)] {
        var out: [String: (Int64, Int64)] = [:]
        for w in 0..<counts.count {
            let days = counts.windows.window(w).map { mask -> String in
                let names = (0..<channelNames.count).filter { mask >> UInt64($0) & 1 == 1 }.map { channelNames[$0] }
                return names.isEmpty ? "-" : names.joined(separator: "+")
            }
            out[days.joined(separator: " ")] = (counts.positives[w], counts.negatives[w])
        }
        return out
    }

    static func expectCounts(
        _ got: [String: (Int64, Int64)], _ want: [String: (Int64, Int64)], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let extra = Set(got.keys).subtracting(want.keys), missing = Set(want.keys).subtracting(got.keys)
        #expect(
            extra.isEmpty && missing.isEmpty,
            "\(extra.count) extra, e.g. \(extra.sorted().prefix(3)); \(missing.count) missing, e.g. \(missing.sorted().prefix(3))",
            sourceLocation: sourceLocation)
        for (k, v) in want {
            #expect(got[k]?.0 == v.0 && got[k]?.1 == v.1, "\(k): \(String(describing: got[k])) vs \(v)", sourceLocation: sourceLocation)
        }
    }

    // A: email day 0, search day 2, purchase day 3. B never converts: display twice on day 1, video day 5.
    static let events = Fixtures.events([
        ("A", "email", 0.1, 0), ("A", "search", 2.5, 0), ("A", nil, 3.2, 40),
        ("B", "display", 1.1, 0), ("B", "display", 1.9, 0), ("B", "video", 5.3, 0),
    ])

    @Test func atRiskDaysGiveOneNegativeEachAndConversionsOnePositive() {
        let counts = WindowExtractor.extract(Self.events, options: ExtractOptions(lookbackDays: 3))
        // A at risk on days 0, 1, 2 (converts on 3); B from day 1 to the last day of the data (5).
        Self.expectCounts(
            Self.described(counts, Self.events),
            [
                "- - email": (0, 1),  // A day 0
                "- email -": (0, 1),  // A day 1
                "email - search": (0, 1),  // A day 2
                "- search -": (1, 0),  // A converts on day 3: email (day 0) has left the window
                "- - display": (0, 1),  // B day 1 (two touches, one cell)
                "- display -": (0, 1),  // B day 2
                "display - -": (0, 1),  // B day 3
                "- - -": (0, 1),  // B day 4: nothing in the window
                "- - video": (0, 1),  // B day 5
            ])
        #expect(counts.totalPositives == 1 && counts.totalNegatives == 8)
    }

    @Test func tdMTANegativesComeFromNeverConvertersTouchDaysAndATrimmedLastWindow() {
        // C never converts, touches on days 0, 1, 2 (td-mta trims the last window from the front): {0}, {0,1}, {0,1,2}, {1,2}, {2}.
        let events = Fixtures.events([
            ("A", "email", 0.1, 0), ("A", nil, 0.5, 10),
            ("C", "a", 0.2, 0), ("C", "b", 1.2, 0), ("C", "c", 2.2, 0),
        ])
        let counts = WindowExtractor.extract(events, options: ExtractOptions(lookbackDays: 3, negatives: .tdMTA))
        Self.expectCounts(
            Self.described(counts, events),
            [
                "- - email": (1, 0),
                "- - a": (0, 1), "- a b": (0, 1), "a b c": (0, 1), "- b c": (0, 1), "- - c": (0, 1),
            ])
    }

    @Test func aSecondConversionHoldsOnlyTheTouchesSinceTheFirst() {
        // Conversion-column rows: the converting touch sits on the anchor day.
        let events = Fixtures.events([
            ("A", "email", 0.1, 0), ("A", "search!", 1.5, 10),
            ("A", "display", 2.1, 0), ("A", "email!", 2.6, 20),
            ("A", "video", 3.0, 0), ("A", "search", 5.0, 0), ("A", "video!", 6.0, 5),
        ])
        let counts = WindowExtractor.extract(events, options: ExtractOptions(lookbackDays: 3))
        Self.expectCounts(
            Self.described(counts, events),
            [
                "- - email": (0, 1),  // day 0 at risk
                "- email search": (1, 0),  // first conversion, day 1
                "- - email+display": (1, 0),  // second: email (day 0) and search were before the first
                "- - video": (0, 1), "- video -": (0, 1),  // days 3 and 4 at risk again
                "video - search": (0, 1),  // day 5
                "- search video": (1, 0),  // third conversion, day 6
            ])
        // Touches after a user's last conversion give no window at all.
        let trailing = Fixtures.events([("A", "email", 0.1, 0), ("A", nil, 1.5, 10), ("A", "video", 2.0, 0), ("A", "video", 4.0, 0)])
        let t = WindowExtractor.extract(trailing, options: ExtractOptions(lookbackDays: 3))
        #expect(t.totalPositives == 1 && t.totalNegatives == 1)
    }

    @Test func thePageSizeDoesNotChangeTheCounts() {
        var config = SyntheticTouchpoints.Config(users: 3_000)
        config.seed = 3
        let events = SyntheticTouchpoints.generate(config)
        let reference = WindowExtractor.extract(events, options: ExtractOptions(), usersPerPage: 3_000)
        for page in [1, 7, 500] {
            #expect(WindowExtractor.extract(events, options: ExtractOptions(), usersPerPage: page) == reference)
        }
        // Every conversion row gives one positive.
        #expect(reference.totalPositives == Int64(events.conversionCount))
        // Every window is distinct, and the all-zero window is among them with most negatives.
        let zero = (0..<reference.count).first { w in reference.windows.window(w).allSatisfy { $0 == 0 } }
        #expect(zero != nil && reference.negatives[zero!] == reference.negatives.max())
    }

    @Test func atRiskNegativesCountEveryDayAUserCouldConvert() {
        var config = SyntheticTouchpoints.Config(users: 500)
        config.seed = 9
        let events = SyntheticTouchpoints.generate(config)
        let counts = WindowExtractor.extract(events, options: ExtractOptions())
        // Independently: per user, days from the first touch to the first conversion (exclusive),
        // or to the last day of the data; later segments likewise.
        let lastDay = events.time.map(WindowExtractor.day).max()!
        var byUser: [Int32: [(Int64, Bool, Bool)]] = [:]
        for i in 0..<events.count {
            byUser[events.user[i], default: []].append((events.time[i], events.channel[i] >= 0, events.isConversion[i]))
        }
        var expected: Int64 = 0
        for (_, rows) in byUser {
            var start: Int64? = nil
            var converted = false
            for (t, touch, conversion) in rows.sorted(by: { $0.0 < $1.0 }) {
                let d = WindowExtractor.day(t)
                if touch && start == nil { start = d }
                if conversion {
                    if let s = start { expected += d - s }
                    start = nil
                    converted = true
                }
            }
            if !converted, let s = start { expected += lastDay - s + 1 }
        }
        #expect(counts.totalNegatives == expected)
    }

    /// The generator's users convert at most once but are touched after it: journeys cut at
    /// the first conversion (the default rule) are then exactly the extractor's segments.
    @Test func firstConversionJourneysGiveTheEventsWindows() {
        var config = SyntheticTouchpoints.Config(users: 2_000)
        config.seed = 11
        let events = SyntheticTouchpoints.generate(config)
        for negatives in ExtractOptions.NegativeRule.allCases {
            let options = ExtractOptions(lookbackDays: 5, negatives: negatives)
            let fromEvents = WindowExtractor.extract(events, options: options)
            let journeys = JourneyBuilder.build(events, options: JourneyOptions(rule: .firstConversion))
            let fromJourneys = WindowExtractor.extract(journeys, options: options)
            let a = Self.described(fromEvents, names: events.channels.names)
            let b = Self.described(fromJourneys, names: journeys.channels.names)
            #expect(
                a.count == b.count && fromEvents.totalPositives == fromJourneys.totalPositives
                    && fromEvents.totalNegatives == fromJourneys.totalNegatives,
                "\(negatives): \(a.count) vs \(b.count) windows, \(fromEvents.totalPositives)/\(fromEvents.totalNegatives) vs \(fromJourneys.totalPositives)/\(fromJourneys.totalNegatives)"
            )
            Self.expectCounts(b, a)
        }
    }

    @Test func eachJourneyIsItsOwnSegmentAtRiskToTheLastDay() {
        // A converts on day 3 and touches again on day 4: as a journey of its own (every
        // conversion), that touch is at risk to the last day of the data (5), where the
        // event extractor drops a converter's trailing touches.
        let events = Fixtures.events([
            ("A", "email", 0.1, 0), ("A", nil, 3.2, 40), ("A", "video", 4.0, 0),
            ("B", "search", 5.5, 0),
        ])
        let journeys = JourneyBuilder.build(events, options: JourneyOptions(rule: .everyConversion))
        let counts = WindowExtractor.extract(journeys, options: ExtractOptions(lookbackDays: 2))
        Self.expectCounts(
            Self.described(counts, names: journeys.channels.names),
            [
                "- email": (0, 1), "email -": (0, 1),  // A days 0 and 1
                "- -": (1, 1),  // A day 2 at risk; converts on day 3, nothing in the window
                "- video": (0, 1), "video -": (0, 1),  // A's second journey, days 4 and 5
                "- search": (0, 1),  // B day 5
            ])
    }
}
