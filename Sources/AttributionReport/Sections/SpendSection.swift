import AttributionCore

/// What each channel cost against what each model credits it with.
struct SpendSection: ReportSection {
    /// Channels below this share of the spend are left out of the ROAS chart.
    static let chartedSpendShare = 0.01

    func render(_ doc: AttributionDocument) -> RenderedSection? {
        guard let spend = doc.spend, !doc.results.isEmpty else { return nil }
        let rows = SpendReturns.rows(results: doc.results, spend: spend)
        let models = doc.results.map(\.model)
        let channels = Array(Set(rows.map(\.channel))).sorted()
        var cell: [String: [String: SpendReturn]] = [:]
        for row in rows { cell[row.channel, default: [:]][row.model] = row }

        var html = HTML.paragraph(
            "Spend from \(spend.source)"
                + (spend.window.map { " over the analysed days \(Self.date($0.firstDay)) to \(Self.date($0.lastDay))" } ?? "")
                + (spend.rowsOutsideWindow > 0 ? "; \(spend.rowsOutsideWindow) rows outside these days were left out" : "")
                + ". Cost per conversion = spend / credited conversions; ROAS = credited revenue / spend.", cssClass: "note")
        let hasRevenue = doc.results.contains { $0.revenue != nil }
        if hasRevenue {
            // A channel with a sliver of the budget can show any ROAS, and would stretch the axis
            // until the channels that hold the money sit in a heap near 1: they are left to the table.
            let total = spend.spend.reduce(0) { $0 + $1.amount }
            let charted = channels.filter { c in (spend.amount(for: c) ?? 0) >= Self.chartedSpendShare * total }
            let plotRows = charted.map { c in DotPlot.Row(label: c, values: models.map { cell[c]?[$0]?.roas }) }
            let left = channels.count - charted.count
            html += HTML.figure(
                DotPlot(
                    series: models, rows: plotRows, title: "ROAS by channel and model",
                    tickFormat: NumberFormat.ratio
                ).svg,
                caption: "Return on ad spend (revenue credited per unit spent), one marker per model"
                    + (left > 0
                        ? "; \(left) channels with less than \(NumberFormat.percent(Self.chartedSpendShare)) of the spend are in the table only"
                        : ""))
            html += "<h3>ROAS</h3>\n" + matrix(channels, models, cell, field: "roas") { $0.roas.map { ($0, NumberFormat.ratio($0)) } }
        }
        html +=
            "<h3>Cost per credited conversion</h3>\n"
            + matrix(channels, models, cell, field: "cost_per_conversion") { $0.costPerConversion.map { ($0, NumberFormat.money($0)) } }
        return RenderedSection(id: "spend", title: "Spend and ROAS", html: html)
    }

    private func matrix(
        _ channels: [String], _ models: [String], _ cell: [String: [String: SpendReturn]], field: String,
        _ value: (SpendReturn) -> (Double, String)?
    ) -> String {
        var t = HTMLTable(header: ["channel", "spend"] + models, numeric: Set(1...(models.count + 1)))
        for c in channels {
            let spend = models.lazy.compactMap { cell[c]?[$0]?.spend }.first
            var cells: [HTMLTable.Cell] = [
                .text(c), spend.map { .number($0, shown: NumberFormat.money($0), field: "spend") } ?? .empty(field: "spend"),
            ]
            for m in models {
                if let r = cell[c]?[m], let (v, shown) = value(r) {
                    cells.append(.number(v, shown: shown, field: field))
                } else {
                    cells.append(.empty(field: field))
                }
            }
            t.append(cells, attributes: [("data-channel", c)])
        }
        return t.html
    }

    static func date(_ day: Int64) -> String {
        let (y, m, d) = CivilDate.date(days: day)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}
