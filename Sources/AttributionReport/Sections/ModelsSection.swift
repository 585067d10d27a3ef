import AttributionCore

/// One block per successful model: share chart, credit table, then the model's own charts.
struct ModelsSection: ReportSection {
    func render(_ doc: AttributionDocument) -> RenderedSection? {
        let results = doc.results
        guard !results.isEmpty else { return nil }
        var html = HTML.paragraph("Share: the channel's part of all credited conversions (normalized). "
            + "Conversions and revenue: the credit in units (denormalized).", cssClass: "note")
        for r in results { html += block(r) }
        return RenderedSection(id: "models", title: "Models", html: html)
    }

    /// Channels by credit, largest first; ties by name so the order is stable.
    static func order(_ r: ModelResult) -> [Int] {
        r.channels.names.indices.sorted {
            r.conversions[$0] != r.conversions[$1] ? r.conversions[$0] > r.conversions[$1] : r.channels.names[$0] < r.channels.names[$1]
        }
    }

    private func block(_ r: ModelResult) -> String {
        let shares = r.shares
        let order = Self.order(r)
        var html = "<article class=\"model\" id=\"\(HTML.anchor("model", r.model))\" data-model=\"\(HTML.escape(r.model))\">\n"
        html += "<h3>\(HTML.escape(r.model))</h3>\n"
        html += "<div class=\"row\">"
        let bars = order.map { BarChart.Bar(label: r.channels.names[$0], value: shares[$0], valueText: NumberFormat.percent(shares[$0])) }
        // Narrower than the other bar charts so the credit table fits beside it.
        html += HTML.figure(BarChart(bars: bars, title: "\(r.model): share of credited conversions",
                                     tickFormat: NumberFormat.percent, plotWidth: 320).svg
                                .replacingOccurrences(of: "class=\"chart\"", with: "class=\"chart share-chart\""),
                            caption: "\(r.model): share of credited conversions")
        var header = ["channel", "conversions", "share"]
        if r.revenue != nil { header.append("revenue") }
        var t = HTMLTable(header: header, numeric: [1, 2, 3])
        t.cssClass = "data credit"
        for c in order {
            var cells: [HTMLTable.Cell] = [
                .text(r.channels.names[c]),
                .number(r.conversions[c], shown: NumberFormat.conversions(r.conversions[c]), field: "conversions"),
                .number(shares[c], shown: NumberFormat.percent(shares[c]), field: "share"),
            ]
            if let revenue = r.revenue { cells.append(.number(revenue[c], shown: NumberFormat.money(revenue[c]), field: "revenue")) }
            t.append(cells, attributes: [("data-model", r.model), ("data-channel", r.channels.names[c])])
        }
        html += t.html + "</div>\n"
        if !r.details.isEmpty {
            // Readable figures; the exact value stays in data-value, as in the tables.
            html += "<dl class=\"meta\">" + r.details.map {
                "<dt>\(HTML.escape($0.key))</dt><dd data-value=\"\(HTML.escape($0.value.text))\">\(HTML.escape($0.value.shown))</dd>"
            }.joined() + "</dl>\n"
        }
        for m in r.messages { html += HTML.paragraph(m, cssClass: "note") }
        for detail in ReportRegistry.details(for: r) {
            if let d = detail.render(r) { html += d }
        }
        return html + "</article>\n"
    }
}
