import AttributionCore

/// Ordered Shapley: where in the journey each channel earns its credit.
struct OrderedShapleyPositionsDetail: ModelDetail {
    let table = OrderedShapley.positionsTable

    func render(_ r: ModelResult) -> String? {
        guard let table = r.table(self.table),
            let ci = table.header.firstIndex(of: "channel"), let pi = table.header.firstIndex(of: "position"),
            let si = table.header.firstIndex(of: "share")
        else { return nil }
        var cells: [String: [Int: Double]] = [:]
        var positions = 0
        for row in table.rows {
            guard let p = row[pi].number, let s = row[si].number else { continue }
            cells[row[ci].text, default: [:]][Int(p)] = s
            positions = max(positions, Int(p))
        }
        guard positions > 0 else { return nil }
        // Channels in the order of the model's own chart (most credit first).
        let (channels, note) = ChannelFold.top(
            FamilySection.order(r).map { r.channels.names[$0] }.filter { cells[$0] != nil },
            file: table.fileName)
        // The last position holds every later touch too when it is the fold limit.
        let folded = r.detail("max_position")?.number.map { Int($0) == positions } ?? false
        let columns = (1...positions).map { "touch \($0)" + (folded && $0 == positions ? "+" : "") }
        let values = channels.map { c in (1...positions).map { cells[c]?[$0] } }
        return "<h4>Credit by touch position</h4>\n"
            + HTML.figure(
                HeatMap(rowLabels: channels, columnLabels: columns, values: values, title: "\(r.model): credit by position").svg,
                caption: "Share of all credit earned by each channel at each touch position, from \(table.fileName)." + note)
    }
}

/// shapley-rate: standard errors of the sampled sets as 95 % whiskers.
struct ShapleyRateErrorsDetail: ModelDetail {
    let table = ConversionRateShapley.errorsTable

    func render(_ r: ModelResult) -> String? {
        guard let table = r.table(self.table),
            let ci = table.header.firstIndex(of: "channel"), let vi = table.header.firstIndex(of: "conversions"),
            let ei = table.header.firstIndex(of: "standard_error")
        else { return nil }
        let rows = table.rows.compactMap { row -> (String, Double, Double)? in
            guard let v = row[vi].number, let e = row[ei].number else { return nil }
            return (row[ci].text, v, e)
        }
        guard rows.contains(where: { $0.2 > 0 }) else {
            return HTML.paragraph("Every channel set was solved exactly: the credit has no sampling error.", cssClass: "note")
        }
        let (drawn, note) = ChannelFold.top(rows.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }, file: table.fileName)
        let bars = drawn.map {
            BarChart.Bar(
                label: $0.0, value: $0.1,
                valueText: "\(NumberFormat.conversions($0.1)) ± \(NumberFormat.conversions(1.96 * $0.2))",
                error: 1.96 * $0.2)
        }
        return "<h4>Sampling error</h4>\n"
            + HTML.figure(
                BarChart(
                    bars: bars, title: "\(r.model): credit with 95 % intervals", colour: Palette.series(5),
                    tickFormat: NumberFormat.count
                ).svg,
                caption: "Credited conversions ± 1.96 standard errors from the sampled channel sets, from \(table.fileName)." + note)
    }
}
