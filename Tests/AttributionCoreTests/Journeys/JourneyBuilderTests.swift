import Testing

@testable import AttributionCore

@Suite struct JourneyBuilderTests {
    // A: email, search, purchase 100, display, purchase 50. B: display only. C: a purchase with no touch.
    static let events = Fixtures.events([
        ("A", "email", 1, 0), ("A", "search", 2, 0), ("A", nil, 3, 100),
        ("A", "display", 4, 0), ("A", nil, 5, 50),
        ("B", "display", 1, 0),
        ("C", nil, 2, 70),
    ])

    @Test func firstConversionIgnoresEverythingAfterTheFirstConversion() {
        let j = JourneyBuilder.build(Self.events)
        #expect(j.count == 3)
        #expect(Fixtures.names(j, 0) == ["email", "search"])
        #expect(j.converted[0] && j.value[0] == 100)
        #expect(Fixtures.names(j, 1) == ["display"] && !j.converted[1])
        #expect(Fixtures.names(j, 2) == [] && j.converted[2] && j.value[2] == 70)
        #expect(j.convertingCount == 2)
        #expect(j.conversionsWithoutTouch == 1)
        #expect(j.userCount == 3)
    }

    @Test func everyConversionStartsANewJourneyAfterEachConversion() {
        let j = JourneyBuilder.build(Self.events, options: JourneyOptions(rule: .everyConversion))
        #expect(j.count == 4)
        #expect(Fixtures.names(j, 0) == ["email", "search"])
        #expect(Fixtures.names(j, 1) == ["display"] && j.converted[1] && j.value[1] == 50)
        #expect(j.endTime[1] == 5 * Fixtures.day)
        #expect(j.convertingCount == 3)
    }

    @Test func touchesAfterTheLastConversionFormANullJourneyUnderEveryConversion() {
        let e = Fixtures.events([("A", "email", 1, 0), ("A", nil, 2, 10), ("A", "sms", 3, 0)])
        let j = JourneyBuilder.build(e, options: JourneyOptions(rule: .everyConversion))
        #expect(j.count == 2)
        #expect(Fixtures.names(j, 1) == ["sms"] && !j.converted[1])
        #expect(JourneyBuilder.build(e).count == 1)
    }

    @Test func eventsAreOrderedByTimeAndTiesKeepInputOrder() {
        let e = Fixtures.events([
            ("A", "late", 5, 0), ("A", "tie1", 2, 0), ("A", "early", 1, 0), ("A", "tie2", 2, 0), ("A", nil, 6, 1),
        ])
        let j = JourneyBuilder.build(e)
        #expect(Fixtures.names(j, 0) == ["early", "tie1", "tie2", "late"])
    }

    @Test func aTouchAtTheConversionTimeListedAfterItBelongsToTheNextJourney() {
        let e = Fixtures.events([("A", "email", 1, 0), ("A", nil, 2, 1), ("A", "sms", 2, 0)])
        let j = JourneyBuilder.build(e, options: JourneyOptions(rule: .everyConversion))
        #expect(Fixtures.names(j, 0) == ["email"])
        #expect(Fixtures.names(j, 1) == ["sms"])
    }

    @Test func conversionColumnRowsAreTouchesThatConvert() {
        let e = Fixtures.events([("A", "email", 1, 0), ("A", "search!", 2, 30), ("B", "display!", 1, 5)])
        let j = JourneyBuilder.build(e)
        #expect(Fixtures.names(j, 0) == ["email", "search"] && j.converted[0] && j.value[0] == 30)
        #expect(Fixtures.names(j, 1) == ["display"] && j.converted[1])
    }

    @Test func lookbackDropsTouchesOlderThanTheWindowBeforeTheConversion() {
        let e = Fixtures.events([
            ("A", "old", 0, 0), ("A", "edge", 3, 0), ("A", "recent", 9, 0), ("A", nil, 10, 1),
            ("B", "x", 0, 0), ("B", "y", 20, 0),
        ])
        let j = JourneyBuilder.build(e, options: JourneyOptions(lookbackDays: 7))
        // "edge" is exactly 7 days before the conversion: inside the window.
        #expect(Fixtures.names(j, 0) == ["edge", "recent"])
        // A null journey's window ends at its last touch.
        #expect(Fixtures.names(j, 1) == ["y"])
    }

    @Test func topChannelsKeepsTheMostFrequentAndRenamesTheRestOthers() {
        let e = Fixtures.events([
            ("A", "a", 1, 0), ("A", "a", 2, 0), ("A", "b", 3, 0), ("A", "c", 4, 0), ("A", nil, 5, 1),
            ("B", "b", 1, 0), ("B", "a", 2, 0), ("B", "d", 3, 0),
        ])
        // Counts: a 3, b 2, c 1, d 1.
        let j = JourneyBuilder.build(e, options: JourneyOptions(topChannels: 2))
        #expect(j.channels.names == ["a", "b", "others"])
        #expect(Fixtures.names(j, 0) == ["a", "a", "b", "others"])
        #expect(Fixtures.names(j, 1) == ["b", "a", "others"])
    }

    @Test func exposureMergesConsecutiveTouchesOnTheSameChannel() {
        let e = Fixtures.events([
            ("A", "a", 1, 0), ("A", "a", 2, 0), ("A", "b", 3, 0), ("A", "a", 4, 0), ("A", "a", 5, 0), ("A", nil, 6, 1),
        ])
        let j = JourneyBuilder.build(e, options: JourneyOptions(transforms: PathTransforms(kind: .exposure)))
        #expect(Fixtures.names(j, 0) == ["a", "b", "a"])
        // The most recent touch of each run is kept.
        #expect(j.touchTime[0] == 2 * Fixtures.day)
    }

    @Test func parallelCuttingGivesTheSameJourneysAsOneChunk() {
        var config = SyntheticTouchpoints.Config(users: 60_000)
        config.seed = 7
        let events = SyntheticTouchpoints.generate(config)
        #expect(events.count > 400_000)  // large enough to be cut in two parts
        let j = JourneyBuilder.build(events, options: JourneyOptions(rule: .everyConversion))
        // Reference: one user at a time, by hand, in a single pass.
        var expectedTouches = 0
        var expectedConversions = 0
        let start = JourneyBuilder.groupByUser(events)
        for u in 0..<events.userCount {
            for k in start.start[u]..<start.start[u + 1] {
                let i = Int(start.order[k])
                if events.channel[i] >= 0 { expectedTouches += 1 }
                if events.isConversion[i] { expectedConversions += 1 }
            }
        }
        #expect(j.touchChannel.count == expectedTouches)
        #expect(j.convertingCount == expectedConversions)
        #expect(j.offsets.last == j.touchChannel.count)
        for k in 0..<j.count {
            let t = j.touches(k)
            for x in t.dropFirst() { #expect(j.touchTime[x - 1] <= j.touchTime[x]) }
        }
    }
}
