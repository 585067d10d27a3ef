import Testing

@testable import AttributionCore

@Suite struct MarkovPathPredictionTests {
    @Test func aSeenPathGetsItsFinalStatesExitOdds() throws {
        // The chain's P(s→conv) / (P(s→conv) + P(s→null)) at each path's final state.
        let paths = MarkovTestData.paths(channels: 4, rows: 200, maxLength: 5, seed: 11)
        for order in 1...3 {
            let chain = try MarkovChain(paths: paths, order: order)
            let prediction = try MarkovPathPrediction(paths: paths, order: order, conversions: paths.conversions, nulls: paths.nulls)
            for p in 0..<paths.count where paths.conversions[p] + paths.nulls[p] > 0 {
                let s = chain.finalState(of: paths.path(p))
                let odds = chain.toConversion[s] / (chain.toConversion[s] + chain.toNull[s])
                #expect(close(prediction.probability(of: paths.path(p)), odds, 1e-12))
            }
        }
    }

    @Test func unseenEndsBackOffToLowerOrdersThenTheBaseRate() throws {
        var builder = PathTableBuilder(channels: ChannelIndex(names: ["a", "b", "c", "d"]))
        builder.add([0, 1][...], conversions: 2, value: 0, nulls: 2)  // a>b
        builder.add([2, 1][...], conversions: 1, value: 0, nulls: 3)  // c>b
        builder.add([0, 2][...], conversions: 3, value: 0, nulls: 0)  // a>c
        let prediction = try MarkovPathPrediction(
            paths: builder.table, order: 2, conversions: builder.table.conversions,
            nulls: builder.table.nulls)
        #expect(prediction.probability(of: [0, 1][...]) == 0.5)
        #expect(prediction.probability(of: [3, 1][...]) == 3.0 / 8)  // d>b: order 1's b
        #expect(prediction.probability(of: [1, 2][...]) == 1)  // b>c: order 1's c
        #expect(prediction.probability(of: [1, 0][...]) == 6.0 / 11)  // no journey ends in a: base rate
        #expect(prediction.probability(of: [3][...]) == 6.0 / 11)
        #expect(prediction.baseRate == 6.0 / 11)
    }
}
