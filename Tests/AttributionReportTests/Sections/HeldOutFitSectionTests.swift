import AttributionCore
import AttributionIO
import Testing

@testable import AttributionReport

@Suite("HeldOutFitSection")
struct HeldOutFitSectionTests {
    static func document(_ results: [ModelResult]) -> AttributionDocument {
        let paths = PathTable(channels: results.first?.channels ?? ChannelIndex())
        return AttributionDocument(
            input: "paths.csv", format: "paths",
            summary: JourneySummary(paths: paths, journeys: nil, hasValue: false),
            read: ReadReport(), outcomes: results.map { .success($0) }, settings: [])
    }

    static func result(_ model: String, _ details: [(key: String, value: DetailValue)]) -> ModelResult {
        var r = ModelResult(model: model, channels: ChannelIndex(names: ["email"]), conversions: [1], revenue: nil)
        r.details = details
        return r
    }

    @Test func oneRowPerModelWithAFitNeuralIncluded() throws {
        let doc = Self.document([
            Self.result(
                "markov-1", [("holdout_roc_auc", .number(0.61)), ("holdout_log_loss", .number(0.25)), ("holdout_journeys", .number(2_000))]),
            Self.result("last-touch", []),
            Self.result("shapley-rate", [("holdout_log_loss", .number(0.31)), ("holdout_journeys", .number(2_000))]),
            Self.result("neural", [("holdout_roc_auc", .number(0.7)), ("holdout_log_loss", .number(0.2))]),
        ])
        let section = try #require(HeldOutFitSection().render(doc))
        let probe = HTMLProbe(html: section.html)
        #expect(probe.matches(#"<tr data-model="([^"]*)">"#).map { $0[0] } == ["markov-1", "shapley-rate", "neural"])
        #expect(probe.matches(#"data-field="holdout_roc_auc" data-value="([^"]*)""#).map { $0[0] } == ["0.61", "", "0.7"])
        #expect(probe.matches(#"data-field="holdout_log_loss" data-value="([^"]*)""#).map { $0[0] } == ["0.25", "0.31", "0.2"])
        #expect(section.html.contains("day windows") && section.html.contains("only loosely"))
    }

    @Test func absentWithoutAnyFitAndNoNeuralNoteWithoutTheNeuralModel() throws {
        #expect(HeldOutFitSection().render(Self.document([Self.result("last-touch", [])])) == nil)
        let html = try #require(
            HeldOutFitSection().render(
                Self.document([
                    Self.result(
                        "markov",
                        [("holdout_roc_auc", .number(0.6)), ("holdout_log_loss", .number(0.3)), ("holdout_journeys", .number(10))])
                ]))
        ).html
        #expect(!html.contains("day windows"))
    }

    @Test func theFullReportShowsItForARealPathLevelRun() throws {
        // Path-level input: no neural model; Markov and shapley-rate carry the fit.
        let doc = try ReportFixtures.pathDocument([
            ("a|b", 3, 60, 5), ("b", 1, 20, 9), ("a|c|b", 2, 40, 4), ("c", 0, 0, 7),
            ("c|a", 4, 80, 3), ("b|c", 1, 20, 6),
        ])
        let html = HTMLReport.render(doc)
        #expect(html.contains("<section id=\"held-out-fit\">"))
        let rows = HTMLProbe(html: html).matches(#"<tr data-model="([^"]*)"><td>(?:(?!</td>).)*</td><td class="num" data-field="holdout_"#)
        #expect(rows.map { $0[0] } == ["markov", "shapley-rate"])
    }
}
