import AttributionCore
import Testing

/// The recommended model: neural-removal when it ran, else the best held-out fit, else none.
@Suite struct ModelRecommendationTests {
    static func result(_ model: String, auc: Double? = nil) -> ModelResult {
        var channels = ChannelIndex()
        _ = channels.id(for: "a")
        var r = ModelResult(model: model, channels: channels, conversions: [1], revenue: nil)
        if let auc { r.details = [("holdout_roc_auc", .number(auc))] }
        return r
    }

    @Test func theRemovalModelLeadsWhenItRan() {
        let chosen = ModelRecommendation.choose([Self.result("markov", auc: 0.9), Self.result("neural-removal")])
        #expect(chosen?.model == "neural-removal")
    }

    @Test func otherwiseTheBestHeldOutFitWithTheFiguresInTheReason() throws {
        let chosen = try #require(
            ModelRecommendation.choose([
                Self.result("linear"), Self.result("markov", auc: 0.71),
                Self.result("shapley-rate", auc: 0.7349),
            ]))
        #expect(chosen.model == "shapley-rate")
        #expect(chosen.reason.contains("ROC AUC 0.735 against 0.710 for markov"))
        #expect(!chosen.reason.contains("chance"))
        let weak = try #require(ModelRecommendation.choose([Self.result("markov", auc: 0.52)]))
        #expect(weak.reason.contains("better than chance"))
    }

    @Test func noneWithoutAnyFit() {
        #expect(ModelRecommendation.choose([Self.result("linear"), Self.result("first-touch")]) == nil)
    }
}
