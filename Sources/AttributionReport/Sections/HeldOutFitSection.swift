import AttributionCore

/// Every model that predicts conversion, side by side on how well it predicts
/// journeys it was not fitted on (`holdout_*` details). Absent when none has them.
struct HeldOutFitSection: ReportSection {
    func render(_ doc: AttributionDocument) -> RenderedSection? {
        let fitted = doc.results.filter { $0.detail("holdout_roc_auc") != nil || $0.detail("holdout_log_loss") != nil }
        guard !fitted.isEmpty else { return nil }
        var html = HTML.paragraph(
            "Each model fitted on a seeded 80 % of the journeys (--seed) and asked, for each of the "
                + "other 20 %, how likely that journey is to convert. ROC AUC: how often a converting journey is ranked above a "
                + "null one (0.5 is a coin, 1 perfect; higher is better). Log loss: the mean cost −ln P of what happened "
                + "(lower is better). They say which model explains these journeys best, not whose credit is causally right.",
            cssClass: "note")
        var table = HTMLTable(header: ["model", "held-out ROC AUC", "held-out log loss", "held out"], numeric: [1, 2])
        for r in fitted {
            table.append(
                [
                    .text(r.model), Self.cell(r.detail("holdout_roc_auc"), field: "holdout_roc_auc"),
                    Self.cell(r.detail("holdout_log_loss"), field: "holdout_log_loss"),
                    // The neural model holds out day windows, not journeys.
                    .text(r.detail("holdout_journeys")?.number.map { NumberFormat.count($0) + " journeys" } ?? "day windows"),
                ],
                attributes: [("data-model", r.model)])
        }
        html += table.html
        if fitted.contains(where: { $0.detail("holdout_journeys") == nil }) {
            html += HTML.paragraph(
                "The neural model is scored on its own held-out day windows (one per user-day at risk), "
                    + "so its figures compare with the others' only loosely.", cssClass: "note")
        }
        return RenderedSection(id: "held-out-fit", title: "Held-out fit", html: html)
    }

    private static func cell(_ value: DetailValue?, field: String) -> HTMLTable.Cell {
        guard let x = value?.number else { return .empty(field: field) }
        return .number(x, shown: NumberFormat.grouped(x, decimals: 4), field: field)
    }
}
