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
}
