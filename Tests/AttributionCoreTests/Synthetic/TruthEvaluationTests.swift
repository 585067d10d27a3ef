import Testing

@testable import AttributionCore

@Suite struct TruthEvaluationTests {
    static func result(_ model: String, _ names: [String], _ conversions: [Double]) -> ModelResult {
        ModelResult(model: model, channels: ChannelIndex(names: names), conversions: conversions, revenue: nil)
    }

    /// Worked by hand: truth a 0.5, b 0.3, c 0.2.
    @Test func distanceAndRankCorrelationByHand() throws {
        let truth = ["a": 0.5, "b": 0.3, "c": 0.2]
        let e = TruthEvaluation(
            results: [
                Self.result("reversed", ["a", "b", "c"], [2, 3, 5]),  // 0.2 0.3 0.5: ½(0.3 + 0 + 0.3) = 0.3, ranks reversed: −1
                Self.result("exact", ["c", "a", "b"], [4, 10, 6]),  // the truth in another channel order
                Self.result("partial", ["a", "d"], [3, 1]),  // a 0.75, d 0.25, b = c = 0: ½(0.25 + 0.3 + 0.2 + 0.25) = 0.5
            ], truth: truth)
        #expect(e.scores.map(\.model) == ["exact", "reversed", "partial"])
        #expect(abs(e.scores[0].distance) < 1e-12 && abs(e.scores[0].rankCorrelation! - 1) < 1e-12)
        #expect(abs(e.scores[1].distance - 0.3) < 1e-12 && abs(e.scores[1].rankCorrelation! + 1) < 1e-12)
        #expect(abs(e.scores[2].distance - 0.5) < 1e-12)
        // partial over a, b, c, d: model (0.75, 0, 0, 0.25) ranks (4, 1.5, 1.5, 3); truth (0.5, 0.3, 0.2, 0) ranks (4, 3, 2, 1).
        // Pearson of those ranks: centred (1.5, −1, −1, 0.5) and (1.5, 0.5, −0.5, −1.5): Σ = 2.25 − 0.5 + 0.5 − 0.75 = 1.5,
        // norms² 2.25 + 1 + 1 + 0.25 = 4.5 and 5: r = 1.5 / √22.5.
        #expect(abs(e.scores[2].rankCorrelation! - 1.5 / 22.5.squareRoot()) < 1e-12)
    }

    @Test func tiesShareTheirMeanRankAndAFlatSideHasNoCorrelation() {
        #expect(TruthEvaluation.ranks([3, 1, 3, 2]) == [3.5, 1, 3.5, 2])
        #expect(TruthEvaluation.spearman([1, 1, 1], [1, 2, 3]) == nil)
        let flat = TruthEvaluation(results: [Self.result("flat", ["a", "b"], [1, 1])], truth: ["a": 0.5, "b": 0.5])
        #expect(flat.scores[0].distance == 0 && flat.scores[0].rankCorrelation == nil)
    }
}
