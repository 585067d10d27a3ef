import Foundation
import Testing

@testable import AttributionCore

@Suite struct WeightedMetricsTests {
    @Test func aucCountsTiesAsHalf() {
        // Pairs: (0.9 vs 0.1) wins, (0.9 vs 0.5) wins, (0.5 vs 0.5) half, (0.5 vs 0.1) wins.
        // Weighted: positives 2 @0.9, 1 @0.5; negatives 1 @0.5, 3 @0.1.
        // Wins: 2·4 + 1·3 = 11, ties 1·1·½ = ½ → 11.5 / (3·4).
        let auc = weightedROCAUC(score: [0.9, 0.5, 0.1], positive: [2, 1, 0], negative: [0, 1, 3])
        #expect(close(auc!, 11.5 / 12))
        #expect(weightedROCAUC(score: [0.3, 0.3], positive: [1, 2], negative: [4, 0]) == 0.5)
        #expect(weightedROCAUC(score: [0.3], positive: [1], negative: [0]) == nil)
    }

    @Test func logLossIsTheWeightedMeanCrossEntropy() {
        // 3 converting and 1 null journey at 0.8, 1 and 1 at 0.5:
        // −(3 ln 0.8 + ln 0.2 + ln 0.5 + ln 0.5) / 6 = (0.669431 + 1.609438 + 1.386294) / 6.
        let loss = weightedLogLoss(probability: [0.8, 0.5], positive: [3, 1], negative: [1, 1])
        #expect(close(loss!, 3.665163 / 6, 1e-6))
        // Rows without journeys do not count, whatever they predict.
        #expect(weightedLogLoss(probability: [0.8, 0.5, 0], positive: [3, 1, 0], negative: [1, 1, 0]) == loss)
        #expect(weightedLogLoss(probability: [0.5], positive: [0], negative: [0]) == nil)
    }

    @Test func logLossClipsCertainMisses() {
        // P = 0 for a converting journey costs −ln 1e-15 ≈ 34.539, not infinity.
        let miss = weightedLogLoss(probability: [0], positive: [1], negative: [0])!
        #expect(close(miss, 34.538776, 1e-5))
        let hit = weightedLogLoss(probability: [1], positive: [1], negative: [0])!
        #expect(hit >= 0 && hit < 1e-14)
    }
}
