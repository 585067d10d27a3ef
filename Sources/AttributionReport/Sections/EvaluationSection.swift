import AttributionCore

/// `mta evaluate`: how far each model's shares are from the data's known true shares.
struct EvaluationSection: ReportSection {
    func render(_ doc: AttributionDocument) -> RenderedSection? {
        guard let e = doc.evaluation, !e.scores.isEmpty else { return nil }
        var html = HTML.paragraph(
            "The data was generated with a known causal truth (mta generate --truth): each channel's "
                + "true share is its incremental conversions over all channels'. Distance = ½ Σ |model share − true share| "
                + "(0: identical, 1: disjoint); rank correlation = Spearman's, of the channel orderings. Closest first.", cssClass: "note")
        let bars = e.scores.map {
            BarChart.Bar(label: $0.model, value: $0.distance, valueText: NumberFormat.grouped($0.distance, decimals: 3))
        }
        html += HTML.figure(
            BarChart(bars: bars, title: "Distance to the true shares", tickFormat: { NumberFormat.grouped($0, decimals: 2) }).svg,
            caption: "Total variation distance between each model's channel shares and the true shares (shorter is better)")
        var table = HTMLTable(header: ["model", "distance to the truth", "rank correlation"], numeric: [1, 2])
        for s in e.scores {
            table.append([
                .text(s.model), .number(s.distance, shown: NumberFormat.grouped(s.distance, decimals: 3), field: "distance_to_truth"),
                s.rankCorrelation.map { .number($0, shown: NumberFormat.grouped($0, decimals: 3), field: "rank_correlation") }
                    ?? .empty(field: "rank_correlation"),
            ])
        }
        html += table.html
        html += "<h3>True shares beside each model's</h3>\n" + Self.sharesBesideTruth(e, results: doc.results)
        return RenderedSection(id: "evaluation", title: "Distance to the truth", html: html)
    }

    /// Channels by true share; a column of true shares, then each model's, closest model first.
    static func sharesBesideTruth(_ e: TruthEvaluation, results: [ModelResult]) -> String {
        let byModel = Dictionary(results.map { ($0.model, $0) }, uniquingKeysWith: { a, _ in a })
        let models = e.scores.compactMap { byModel[$0.model] }
        let channels = e.truth.keys.sorted { e.truth[$0]! != e.truth[$1]! ? e.truth[$0]! > e.truth[$1]! : $0 < $1 }
        var t = HTMLTable(header: ["channel", "true share"] + models.map(\.model), numeric: Set(1...(models.count + 1)))
        for c in channels {
            var cells: [HTMLTable.Cell] = [.text(c), .number(e.truth[c]!, shown: NumberFormat.percent(e.truth[c]!), field: "true_share")]
            for r in models {
                if let k = r.channels.lookup(c) {
                    let share = r.shares[Int(k)]
                    cells.append(.number(share, shown: NumberFormat.percent(share), field: "share", attributes: [("data-model", r.model)]))
                } else {
                    cells.append(.empty(field: "share"))
                }
            }
            t.append(cells, attributes: [("data-channel", c)])
        }
        return t.html
    }
}
