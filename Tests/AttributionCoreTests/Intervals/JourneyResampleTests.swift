import Testing

@testable import AttributionCore

@Suite struct JourneyResampleTests {
    static let journeys = JourneyBuilder.build(
        Fixtures.events([
            ("u1", "email", 0, 0), ("u1", "search", 1, 0), ("u1", nil, 2, 100),
            ("u2", "display", 0, 0), ("u2", nil, 1, 20),
            ("u3", "search", 3, 0),
            ("u4", nil, 4, 5),
            ("u5", "email", 0, 0), ("u5", "search", 2, 0), ("u5", nil, 3, 40),
        ]))

    static func key(_ paths: PathTable, _ p: Int) -> String { paths.path(p).map { paths.channels[$0] }.joined(separator: ">") }

    /// Every replicate journey is a whole copy of an original one, and the replicate's
    /// path table is exactly the table its own journeys aggregate to.
    @Test func replicateJourneysAndPathsAreOneSample() {
        let resample = JourneyResample(Self.journeys)
        let originals = (0..<Self.journeys.count).map { j in
            (Fixtures.names(Self.journeys, j), Self.journeys.converted[j], Self.journeys.value[j], Self.journeys.endTime[j])
        }
        var rng = SeededGenerator(seed: 4)
        var sizes: Set<Int> = []
        for _ in 0..<300 {
            let input = resample.replicate(&rng, hasValue: true)
            let js = input.journeys!
            sizes.insert(js.count)
            for j in 0..<js.count {
                let copy = (Fixtures.names(js, j), js.converted[j], js.value[j], js.endTime[j])
                #expect(originals.contains { $0.0 == copy.0 && $0.1 == copy.1 && $0.2 == copy.2 && $0.3 == copy.3 })
                let times = js.touches(j).map { js.touchTime[$0] }
                #expect(times == times.sorted())
            }
            let aggregated = PathTable(journeys: js)
            var expected: [String: (Double, Double, Double)] = [:]
            for p in 0..<aggregated.count {
                expected[Self.key(aggregated, p)] = (aggregated.conversions[p], aggregated.value[p], aggregated.nulls[p])
            }
            for p in 0..<input.paths.count where input.paths.conversions[p] + input.paths.nulls[p] > 0 {
                let e = expected[Self.key(input.paths, p)]!
                #expect(e == (input.paths.conversions[p], input.paths.value[p], input.paths.nulls[p]))
            }
            #expect(input.paths.totalConversions == aggregated.totalConversions)
            #expect(input.paths.unattributedConversions == aggregated.unattributedConversions)
            #expect(input.paths.unattributedValue == aggregated.unattributedValue)
        }
        // Poisson(1) weights: the replicate's size varies around the 5 journeys.
        #expect(sizes.count > 4 && sizes.contains(5))
    }

    /// For models that read no null journey, replicates hold the converting ones alone,
    /// each drawn Poisson(1) times as among all journeys.
    @Test func convertingOnlyReplicatesLeaveNullJourneysOut() {
        let resample = JourneyResample(Self.journeys, convertingOnly: true)
        #expect(resample.journeys.count == 4 && resample.journeys.userCount == 5)
        var rng = SeededGenerator(seed: 6)
        var drawn = 0.0
        for _ in 0..<4_000 {
            let input = resample.replicate(&rng, hasValue: true)
            #expect(input.journeys!.converted.allSatisfy { $0 })
            #expect(input.paths.totalNulls == 0)
            drawn += Double(input.journeys!.count)
        }
        #expect(abs(drawn / 4_000 - 4) < 5 * (4.0 / 4_000).squareRoot())
    }
}
