import AttributionCore

/// The neural model's credit by day before the conversion: where in the window the
/// model finds the lift. Negative cells keep their sign in the text (shaded as 0).
struct NeuralByDayDetail: ModelDetail {
    let table = NeuralModel.byDayKind

    func render(_ r: ModelResult) -> String? {
        guard let table = r.table(self.table),
            table.header == ["days_before_conversion", "channel", "value", "share"]
        else { return nil }
        var share: [String: [Int: Double]] = [:]
        var days = 0
        for row in table.rows {
            guard let d = row[0].number, let s = row[3].number else { continue }
            share[row[1].text, default: [:]][Int(d)] = s
            days = max(days, Int(d) + 1)
        }
        guard days > 0 else { return nil }
        let total = share.mapValues { $0.values.reduce(0, +) }
        let (channels, note) = ChannelFold.top(
            share.keys.sorted { total[$0]! != total[$1]! ? total[$0]! > total[$1]! : $0 < $1 },
            file: table.fileName)
        let columns = (0..<days).map { $0 == 0 ? "conversion day" : "\($0) day\($0 == 1 ? "" : "s") before" }
        let values = channels.map { c in (0..<days).map { share[c]?[$0] } }
        return "<h4>Credit by day before the conversion</h4>\n"
            + HTML.figure(
                HeatMap(rowLabels: channels, columnLabels: columns, values: values, title: "\(r.model): share of credit by day").svg,
                caption:
                    "Shapley values of the calibrated model summed over conversion windows, as shares of the total, from \(table.fileName); negative values are kept."
                    + note)
    }
}

/// The neural model's removal effects: expected conversions lost without each channel.
struct NeuralIncrementalDetail: ModelDetail {
    let table = NeuralModel.incrementalTable

    func render(_ r: ModelResult) -> String? {
        guard let table = r.table(self.table),
            let ci = table.header.firstIndex(of: "channel"), let ii = table.header.firstIndex(of: "incremental_conversions")
        else { return nil }
        let lost = table.rows.compactMap { row -> (String, Double)? in row[ii].number.map { (row[ci].text, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        guard !lost.isEmpty else { return nil }
        let (drawn, note) = ChannelFold.top(lost, file: table.fileName)
        let bars = drawn.map { BarChart.Bar(label: $0.0, value: $0.1, valueText: NumberFormat.conversions($0.1)) }
        var caption =
            "Expected conversions lost if the channel's touches were removed (the model replayed over every day at risk), from \(table.fileName)."
        if let expected = r.detail("expected_conversions")?.number, let observed = r.detail("observed_conversions")?.number {
            caption +=
                " With every touch kept the model expects \(NumberFormat.conversions(expected)) conversions; \(NumberFormat.count(observed)) were observed."
        }
        caption += note
        return "<h4>Incremental conversions</h4>\n"
            + HTML.figure(
                BarChart(
                    bars: bars, title: "\(r.model): conversions lost without each channel", colour: Palette.series(3),
                    tickFormat: NumberFormat.conversions
                ).svg,
                caption: caption)
    }
}
