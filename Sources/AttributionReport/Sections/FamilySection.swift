import AttributionCore

/// One section per model family (rules, Markov, Shapley, neural): what the family
/// assumes, one chart of its models' shares, the credit tables (every channel, every
/// model), each model's figures and the charts of its detail tables.
struct FamilySection: ReportSection {
    let family: ModelFamily

    func render(_ doc: AttributionDocument) -> RenderedSection? {
        let results = doc.results.filter { ModelRegistry.entry($0.entry)?.family == family }
        guard !results.isEmpty else { return nil }
        var html = HTML.paragraph(family.explanation)
        if let recommended = doc.recommendation?.model, results.contains(where: { $0.model == recommended }) {
            html += HTML.paragraph("\(recommended) is the recommended model of this run (see The answer).", cssClass: "note")
        }
        // Side by side where the page is wide enough, stacked where it is not (and in print).
        html += "<div class=\"row\">" + chart(results, intervals: doc.intervals)
        html +=
            "<div><h4>Share of credited conversions</h4>\n"
            + Self.matrix(results, field: "share") { r, c in
                let s = r.shares[c]
                return (s, NumberFormat.percent(s))
            } + "</div></div>\n"
        // The units behind the shares, a click away: with 40 channels and five models they
        // would otherwise make the page three times as tall; the files hold them too.
        let units = results.contains(where: { $0.revenue != nil }) ? "conversions and revenue" : "conversions"
        html += "<details class=\"units\"><summary>Credited \(units), every channel</summary>\n"
        html +=
            "<div class=\"row\"><div><h4>Credited conversions</h4>\n"
            + Self.matrix(results, field: "conversions") { r, c in
                (r.conversions[c], NumberFormat.conversions(r.conversions[c]))
            } + "</div>"
        if results.contains(where: { $0.revenue != nil }) {
            html +=
                "<div><h4>Credited revenue</h4>\n"
                + Self.matrix(results, field: "revenue") { r, c in
                    r.revenue.map { ($0[c], NumberFormat.money($0[c])) }
                } + "</div>"
        }
        html += "</div></details>\n"
        for r in results { html += Self.modelNotes(r) }
        return RenderedSection(id: "family-\(family.rawValue)", title: family.title, html: html)
    }

    /// Channels by credit, largest first; ties by name so the order is stable.
    static func order(_ r: ModelResult) -> [Int] {
        r.channels.names.indices.sorted {
            r.conversions[$0] != r.conversions[$1] ? r.conversions[$0] > r.conversions[$1] : r.channels.names[$0] < r.channels.names[$1]
        }
    }

    /// One model: a bar chart of its shares; several: one marker per model and channel.
    private func chart(_ results: [ModelResult], intervals: IntervalReport?) -> String {
        let first = results[0]
        let ordered = Self.order(first)
        let (shown, folded) = ChannelFold.split(ordered)
        if results.count == 1 {
            let shares = first.shares
            let bars = shown.map {
                BarChart.Bar(label: first.channels.names[$0], value: shares[$0], valueText: NumberFormat.percent(shares[$0]))
            }
            return HTML.figure(
                BarChart(
                    bars: bars, title: "\(first.model): share of credited conversions", tickFormat: NumberFormat.percent,
                    plotWidth: 320
                ).svg
                    .replacingOccurrences(of: "class=\"chart\"", with: "class=\"chart share-chart\""),
                caption: "\(first.model): share of credited conversions." + ChannelFold.note(folded.count))
        }
        let names = shown.map { first.channels.names[$0] }
        let rows = names.map { name in
            DotPlot.Row(
                label: name, values: results.map { r in r.channels.lookup(name).map { r.shares[Int($0)] } },
                intervals: results.map { r in
                    intervals?.intervals(for: r.model).flatMap { m in m.channels.lookup(name).map { m.intervals[Int($0)] } }
                        .map { $0.shareLow...$0.shareHigh }
                })
        }
        return HTML.figure(
            DotPlot(series: results.map(\.model), rows: rows, title: "\(family.title): share by channel", plotWidth: 360).svg
                .replacingOccurrences(of: "class=\"chart\"", with: "class=\"chart share-chart\""),
            caption: "Share of credited conversions per channel, one marker per model; channels by \(first.model)'s credit."
                + ChannelFold.note(folded.count))
    }

    /// Channels as rows, models as columns; each cell names its model and channel.
    static func matrix(_ results: [ModelResult], field: String, _ value: (ModelResult, Int) -> (Double, String)?) -> String {
        var t = HTMLTable(header: ["channel"] + results.map(\.model), numeric: Set(1...results.count))
        t.cssClass = "data credit"
        for name in Self.order(results[0]).map({ results[0].channels.names[$0] }) + Self.extraChannels(results) {
            var cells: [HTMLTable.Cell] = [.text(name)]
            for r in results {
                if let c = r.channels.lookup(name), let (v, shown) = value(r, Int(c)) {
                    cells.append(.number(v, shown: shown, field: field, attributes: [("data-model", r.model), ("data-channel", name)]))
                } else {
                    cells.append(.empty(field: field))
                }
            }
            t.append(cells, attributes: [("data-channel", name)])
        }
        return t.html
    }

    /// Channels some model credits that the first does not know (models share one index, but need not).
    private static func extraChannels(_ results: [ModelResult]) -> [String] {
        let known = Set(results[0].channels.names)
        var extra: [String] = []
        for r in results.dropFirst() { for n in r.channels.names where !known.contains(n) && !extra.contains(n) { extra.append(n) } }
        return extra
    }

    /// A model's figures, messages and detail charts, under its name.
    private static func modelNotes(_ r: ModelResult) -> String {
        let details = ReportRegistry.details(for: r).compactMap { $0.render(r) }
        guard !r.details.isEmpty || !r.messages.isEmpty || !details.isEmpty else { return "" }
        var html = "<article class=\"model\" id=\"\(HTML.anchor("model", r.model))\" data-model=\"\(HTML.escape(r.model))\">\n"
        html += "<h3>\(HTML.escape(r.model))</h3>\n"
        if let summary = ModelRegistry.entry(r.entry)?.summary { html += HTML.paragraph(summary, cssClass: "note") }
        if !r.details.isEmpty {
            // Readable figures; the exact value stays in data-value, as in the tables.
            html +=
                "<dl class=\"meta\">"
                + r.details.map {
                    "<dt>\(HTML.escape($0.key))</dt><dd data-value=\"\(HTML.escape($0.value.text))\">\(HTML.escape($0.value.shown))</dd>"
                }.joined() + "</dl>\n"
        }
        for m in r.messages { html += HTML.paragraph(m, cssClass: "note") }
        for d in details { html += d }
        return html + "</article>\n"
    }
}
