import Testing

@testable import AttributionCore

@Suite struct HoldoutSplitTests {
    @Test func keepsEveryJourney() {
        let paths = MarkovTestData.paths(channels: 4, rows: 300, maxLength: 4, seed: 2)
        var big = paths
        big.appendRow([0, 1], conversions: 250_000.5, value: 0, nulls: 1_000_000)
        let split = HoldoutSplit(paths: big, seed: 42)
        for p in 0..<big.count {
            #expect(split.trainConversions[p] + split.testConversions[p] == big.conversions[p])
            #expect(split.trainNulls[p] + split.testNulls[p] == big.nulls[p])
            #expect(split.testConversions[p] >= 0 && split.testNulls[p] >= 0)
        }
        let trainShare = split.trainNulls.reduce(0, +) / big.totalNulls
        #expect(abs(trainShare - HoldoutSplit.defaultTrainFraction) < 0.01)
    }

    @Test func theSeedFixesTheSplit() {
        let paths = MarkovTestData.paths(channels: 4, rows: 300, maxLength: 4, seed: 3)
        let a = HoldoutSplit(paths: paths, seed: 7), b = HoldoutSplit(paths: paths, seed: 7)
        let c = HoldoutSplit(paths: paths, seed: 8)
        #expect(a.testConversions == b.testConversions && a.testNulls == b.testNulls)
        #expect(a.testNulls != c.testNulls)
    }

    /// The same paths in another row order and with other channel ids (as another
    /// source would number them): every path gets the same split, every model the same fit.
    @Test func rowOrderAndChannelIdsDoNotChangeTheSplit() throws {
        let paths = MarkovOrderSelectionTests.secondOrderPaths(journeys: 3_000, seed: 11)
        var big = paths
        big.appendRow([2, 0, 1, 3, 2, 0], conversions: 40_000, value: 0, nulls: 250_000)  // longer than any other: a new path, normal-approximated
        let renamed = ChannelIndex(names: big.channels.names.reversed())
        var shuffled = PathTable(channels: renamed)
        var rng = SeededGenerator(seed: 99)
        for p in (0..<big.count).shuffled(using: &rng) {
            shuffled.appendRow(
                big.path(p).map { renamed.lookup(big.channels[$0])! },
                conversions: big.conversions[p], value: big.value[p], nulls: big.nulls[p])
        }
        #expect(shuffled.steps != big.steps)

        func byPath(_ t: PathTable, _ s: HoldoutSplit) -> [[String]: [Double]] {
            var out: [[String]: [Double]] = [:]
            for p in 0..<t.count {
                out[t.path(p).map { t.channels[$0] }] = [s.trainConversions[p], s.trainNulls[p], s.testConversions[p], s.testNulls[p]]
            }
            return out
        }
        let a = byPath(big, HoldoutSplit(paths: big, seed: 5)), b = byPath(shuffled, HoldoutSplit(paths: shuffled, seed: 5))
        #expect(a.count == big.count && a == b)

        let models: [any ConversionPredicting] = [MarkovModel(order: 2, seed: 5), ConversionRateShapley(seed: 5)]
        for model in models {
            let x = try model.heldOutFit(big), y = try model.heldOutFit(shuffled)
            let aucX = try #require(x.rocAUC), aucY = try #require(y.rocAUC)
            #expect(abs(aucX - aucY) < 1e-12 && aucX > 0.5, "\(model.name)")
            #expect(abs(x.logLoss! - y.logLoss!) < 1e-12 && x.journeys == y.journeys)
        }
    }
}
