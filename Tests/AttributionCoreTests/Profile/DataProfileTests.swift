import Testing

@testable import AttributionCore

@Suite("DataProfile")
struct DataProfileTests {
    /// u1 email, search → converts 1.5 d after the first touch (100)
    /// u2 search → converts 0.02 d (29 min) later (50)
    /// u3 display, email → no conversion
    /// u4 converts with no touch (10)
    /// u5 email × 11 over 10 days → converts on day 40 (20)
    static func events() -> EventTable {
        var rows: [(String, String?, Double, Double)] = [
            ("u1", "email", 0, 0), ("u1", "search", 1, 0), ("u1", nil, 1.5, 100),
            ("u2", "search", 0, 0), ("u2", nil, 0.02, 50),
            ("u3", "display", 0, 0), ("u3", "email", 2, 0),
            ("u4", nil, 3, 10),
        ]
        rows += (0..<11).map { ("u5", "email", Double($0), 0) }
        rows.append(("u5", nil, 40, 20))
        return Fixtures.events(rows)
    }

    @Test func eventLevelByHand() {
        let events = Self.events()
        let journeys = JourneyBuilder.build(events)
        let p = DataProfile(paths: PathTable(journeys: journeys), journeys: journeys, hasValue: true, events: events.count)
        #expect(p.events == 20)
        #expect(p.users == 5)
        #expect(p.journeys == 5)
        #expect(p.conversions == 4)
        #expect(p.conversionRate == 0.8)
        #expect(p.revenue == 180)
        #expect(p.conversionsWithoutTouch == 1)
        #expect(p.convertingLength.counts == [1, 1, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(p.convertingLength.labels.last == "10+")
        #expect(p.nullLength.counts == [0, 1, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(p.timeToConversion?.labels == ["< 1 h", "1–24 h", "1–3 d", "3–7 d", "7–14 d", "14–30 d", "30 d+"])
        #expect(p.timeToConversion?.counts == [1, 0, 1, 0, 0, 0, 1])
        // Ties on conversions and nulls: by path, channel by channel.
        #expect(p.topPaths.map(\.channels) == [Array(repeating: "email", count: 11), ["email", "search"], ["search"]])
        #expect(p.topPaths.allSatisfy { $0.conversionRate == 1 })
        #expect(
            p.reach == [
                ChannelReach(channel: "email", journeys: 3, convertingJourneys: 2),
                ChannelReach(channel: "search", journeys: 2, convertingJourneys: 2),
                ChannelReach(channel: "display", journeys: 1, convertingJourneys: 0),
            ])
        #expect(abs(p.reach[0].conversionRate - 2.0 / 3) < 1e-15)
    }

    @Test func pathLevelHasNoTimesNorUsers() {
        let paths = Fixtures.paths([("a>b", 3, 30, 1), ("b", 1, 5, 3), ("a>a>b>c", 0, 0, 2), ("", 2, 4, 0)])
        let p = DataProfile(paths: paths, journeys: nil, hasValue: false, topPathCount: 1)
        #expect(p.users == nil && p.events == nil && p.revenue == nil && p.timeToConversion == nil)
        #expect(p.conversions == 6)
        #expect(p.journeys == 12)
        #expect(p.conversionRate == 0.5)
        #expect(p.convertingLength.counts == [1, 3, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(p.nullLength.counts == [3, 1, 0, 2, 0, 0, 0, 0, 0, 0])
        #expect(p.topPaths == [TopPath(channels: ["a", "b"], conversions: 3, nulls: 1)])
        #expect(p.topPaths[0].conversionRate == 0.75)
        // "a" twice in one path reaches that journey once.
        #expect(p.reach.map(\.channel) == ["b", "a", "c"])
        #expect(p.reach.map(\.journeys) == [10, 6, 2])
        #expect(p.reach.map(\.convertingJourneys) == [4, 3, 0])
    }

    @Test func bucketEdges() {
        let hour: Int64 = 3_600_000
        #expect(TimeToConversionBuckets.bucket(milliseconds: 0) == 0)
        #expect(TimeToConversionBuckets.bucket(milliseconds: hour - 1) == 0)
        #expect(TimeToConversionBuckets.bucket(milliseconds: hour) == 1)
        #expect(TimeToConversionBuckets.bucket(milliseconds: 24 * hour) == 2)
        #expect(TimeToConversionBuckets.bucket(milliseconds: 30 * 24 * hour) == 6)
        #expect(JourneyLengthBuckets.bucket(touches: 9) == 8)
        #expect(JourneyLengthBuckets.bucket(touches: 10) == 9)
        #expect(JourneyLengthBuckets.bucket(touches: 250) == 9)
    }
}
