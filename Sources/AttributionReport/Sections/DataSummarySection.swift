import AttributionCore

/// Volumes, journey shapes, top paths and channel reach: what the models were fed.
struct DataSummarySection: ReportSection {
    func render(_ doc: AttributionDocument) -> RenderedSection? {
        var html = tiles(doc)
        if let p = doc.profile {
            html += "<h3>Journeys</h3>\n<div class=\"row\">"
            html += HTML.figure(
                Histogram(
                    labels: p.convertingLength.labels, counts: p.convertingLength.counts,
                    title: "Touches per converting journey"
                ).svg,
                caption: "Touches per converting journey"
                    + (p.conversionsWithoutTouch > 0 ? " (\(NumberFormat.count(p.conversionsWithoutTouch)) conversions had no touch)" : ""))
            if p.nullLength.total > 0 {
                html += HTML.figure(
                    Histogram(
                        labels: p.nullLength.labels, counts: p.nullLength.counts,
                        title: "Touches per null journey", colour: Palette.series(1)
                    ).svg,
                    caption: "Touches per journey without conversion")
            }
            if let t = p.timeToConversion {
                html += HTML.figure(
                    Histogram(
                        labels: t.labels, counts: t.counts, title: "First touch to conversion",
                        colour: Palette.series(2)
                    ).svg,
                    caption: "Time from first touch to conversion (converting journeys with a touch)")
            }
            html += "</div>\n"
            html += topPaths(p)
            html += reach(p)
        }
        return RenderedSection(id: "data", title: "Data summary", html: html)
    }

    private func tiles(_ doc: AttributionDocument) -> String {
        let s = doc.summary, p = doc.profile
        var tiles: [(String, String, Double)] = []
        if let events = p?.events { tiles.append(("Events", NumberFormat.count(Double(events)), Double(events))) }
        if let users = p?.users ?? s.users { tiles.append(("Users", NumberFormat.count(Double(users)), Double(users))) }
        let journeys = p?.journeys ?? s.journeys
        let conversions = p?.conversions ?? s.conversions
        tiles.append(("Journeys", NumberFormat.count(journeys), journeys))
        tiles.append(("Conversions", NumberFormat.count(conversions), conversions))
        let rate = p?.conversionRate ?? (journeys > 0 ? conversions / journeys : 0)
        tiles.append(("Conversion rate", NumberFormat.percent(rate), rate))
        if let revenue = p?.revenue ?? s.revenue { tiles.append(("Revenue", NumberFormat.money(revenue), revenue)) }
        tiles.append(("Distinct paths", NumberFormat.count(Double(s.distinctPaths)), Double(s.distinctPaths)))
        tiles.append(("Channels", NumberFormat.count(Double(s.channels)), Double(s.channels)))
        return "<div class=\"tiles\">"
            + tiles.map { label, shown, value in
                "<div class=\"tile\"><div class=\"label\">\(HTML.escape(label))</div>"
                    + "<div class=\"value\" data-value=\"\(NumberFormat.exact(value))\">\(HTML.escape(shown))</div></div>"
            }.joined() + "</div>\n"
    }

    private func topPaths(_ p: DataProfile) -> String {
        guard !p.topPaths.isEmpty else { return "" }
        var t = HTMLTable(header: ["#", "path", "conversions", "null journeys", "conversion rate"], numeric: [0, 2, 3, 4])
        for (i, path) in p.topPaths.enumerated() {
            t.append([
                .text(String(i + 1)), .text(path.channels.joined(separator: " › ")),
                .number(path.conversions, shown: NumberFormat.count(path.conversions), field: "conversions"),
                .number(path.nulls, shown: NumberFormat.count(path.nulls), field: "nulls"),
                .number(path.conversionRate, shown: NumberFormat.percent(path.conversionRate), field: "rate"),
            ])
        }
        return "<h3>Top paths</h3>\n" + HTML.paragraph("The \(p.topPaths.count) paths with the most conversions.", cssClass: "note")
            + t.html
    }

    private func reach(_ p: DataProfile) -> String {
        guard !p.reach.isEmpty else { return "" }
        let bars = p.reach.map { r in
            BarChart.Bar(
                label: r.channel, value: r.journeys,
                valueText: "\(NumberFormat.count(r.journeys)) · \(NumberFormat.percent(r.conversionRate)) convert")
        }
        var t = HTMLTable(header: ["channel", "journeys touching it", "converting journeys", "conversion rate"], numeric: [1, 2, 3])
        for r in p.reach {
            t.append(
                [
                    .text(r.channel),
                    .number(r.journeys, shown: NumberFormat.count(r.journeys), field: "journeys"),
                    .number(r.convertingJourneys, shown: NumberFormat.count(r.convertingJourneys), field: "converting"),
                    .number(r.conversionRate, shown: NumberFormat.percent(r.conversionRate), field: "rate"),
                ],
                attributes: [("data-channel", r.channel)])
        }
        return "<h3>Channel reach</h3>\n"
            + HTML.figure(
                BarChart(bars: bars, title: "Journeys touching each channel", tickFormat: NumberFormat.count).svg,
                caption: "Journeys that touch each channel at least once, and the share of them that convert")
            + t.html
    }
}
