import AttributionCore
import Foundation
import Testing

@testable import AttributionReport

/// The first screen: the recommended model's headline, consensus and disagreement in
/// words, and with spend a budget column that sums to the spend.
@Suite struct AnswerSectionTests {
    static func result(_ model: String, _ conversions: [Double], auc: Double? = nil) -> ModelResult {
        var channels = ChannelIndex()
        for name in ["brand", "email", "display"] { _ = channels.id(for: name) }
        var r = ModelResult(model: model, channels: channels, conversions: conversions, revenue: conversions.map { $0 * 10 })
        if let auc { r.details = [("holdout_roc_auc", .number(auc))] }
        return r
    }

    static func document(_ results: [ModelResult], spend: ChannelSpend? = nil) -> AttributionDocument {
        var doc = AttributionDocument(
            input: "x.csv", format: "events",
            summary: JourneySummary(paths: PathTable(channels: results[0].channels), journeys: nil, hasValue: true),
            read: ReadReport(), outcomes: results.map { .success($0) }, settings: [])
        doc.spend = spend
        doc.period = AnalysisWindow(firstDay: 19_723, lastDay: 19_753)
        return doc
    }

    @Test func headlineConsensusAndDisagreement() throws {
        let doc = Self.document([Self.result("last-touch", [20, 50, 30]), Self.result("markov", [10, 80, 10], auc: 0.8)])
        let html = try #require(AnswerSection().render(doc)?.html)
        #expect(html.contains("Recommended model: markov"))
        #expect(html.contains("from 2024-01-01 to 2024-01-31 (31 UTC days)"))
        #expect(
            html.contains(
                "Under markov, email earns the most credit: 80.0 % of credited conversions, then brand 10.0 % and display 10.0 %."))
        #expect(html.contains("All 2 models rank email first."))
        // last-touch gives brand 20 % (10 points more) and display 30 % (20 points more): largest gap first.
        let display = try #require(html.range(of: "last-touch gives display 30.0 %; markov finds 10.0 %."))
        let brand = try #require(html.range(of: "last-touch gives brand 20.0 %; markov finds 10.0 %."))
        #expect(display.lowerBound < brand.lowerBound)
    }

    @Test func theBudgetColumnSumsToTheSpendAndUntouchedSpendIsFlagged() throws {
        let spend = ChannelSpend(source: "spend.csv", window: nil, spend: [("brand", 100), ("email", 300), ("tv", 600)])
        let doc = Self.document([Self.result("markov", [10, 80, 10], auc: 0.8)], spend: spend)
        let html = try #require(AnswerSection().render(doc)?.html)
        let suggested = HTMLProbe(html: html).matches(#"data-field="suggested_spend" data-value="([^"]*)""#).map { Double($0[0])! }
        #expect(suggested.count == 3)
        // data-value carries the CSV's 10 significant digits.
        #expect(abs(suggested.reduce(0, +) - 1000) < 1e-6)
        // Rows by spend: tv (no touch, no credit), email, brand; email : brand = 80 : 10 of the credit.
        #expect(suggested[0] == 0)
        #expect(abs(suggested[1] - 1000 * 80 / 90) < 1e-6)
        #expect(abs(suggested[2] - 1000 * 10 / 90) < 1e-6)
        #expect(html.contains("Spend on tv bought no touch in the data"))
    }

    /// A lead model with negative credit is flagged, and a negative share is called one.
    @Test func negativeCreditIsFlagged() throws {
        let doc = Self.document([Self.result("last-touch", [20, 50, 30]), Self.result("markov", [-10, 100, 10], auc: 0.8)])
        let html = try #require(AnswerSection().render(doc)?.html)
        #expect(html.contains("markov gives 1 channel negative credit (brand −10.0 %)"))
        #expect(html.contains("last-touch gives brand 20.0 %; markov finds a negative share (−10.0 %)."))
    }

    @Test func noRecommendationWithoutAFitSaysWhy() throws {
        let doc = Self.document([Self.result("linear", [1, 1, 1]), Self.result("first-touch", [1, 2, 0])])
        let html = try #require(AnswerSection().render(doc)?.html)
        #expect(html.contains("No model is recommended"))
    }
}
