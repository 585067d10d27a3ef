import AttributionCore

/// Removal effects of a Markov model: how much P(conversion) drops without each channel.
struct MarkovRemovalEffectsDetail: ModelDetail {
    let table = MarkovModel.removalEffectsTable

    func render(_ r: ModelResult) -> String? {
        guard let table = r.table(self.table),
            let ci = table.header.firstIndex(of: "channel"), let ei = table.header.firstIndex(of: "removal_effect")
        else { return nil }
        let effects = table.rows.compactMap { row -> (String, Double)? in
            guard let e = row[ei].number else { return nil }
            return (row[ci].text, e)
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        guard !effects.isEmpty else { return nil }
        let (drawn, note) = ChannelFold.top(effects, file: table.fileName)
        let bars = drawn.map { BarChart.Bar(label: $0.0, value: $0.1, valueText: NumberFormat.percent($0.1)) }
        return "<h4>Removal effects</h4>\n"
            + HTML.figure(
                BarChart(bars: bars, title: "\(r.model): removal effects", colour: Palette.series(2), tickFormat: NumberFormat.percent).svg,
                caption: "1 − P(conversion without the channel) / P(conversion), from \(table.fileName)." + note)
    }
}

/// The transition matrix of an order-1 chain as a heat map, limited to the states
/// journeys pass through most, so 40 channels still give a readable grid.
struct MarkovTransitionsDetail: ModelDetail {
    let table = MarkovModel.transitionsTable

    static let maxStates = 12
    static let start = "(start)", conversion = "(conversion)", null = "(null)"

    func render(_ r: ModelResult) -> String? {
        guard let table = r.table(self.table), table.header == ["from", "to", "probability"] else { return nil }
        if let order = r.detail("order")?.number, order != 1 {
            return HTML.paragraph(
                "The transition heat map is drawn for order-1 chains; this chain has order \(Int(order)) "
                    + "(its transitions are in \(table.fileName)).", cssClass: "note")
        }
        let edges = table.rows.compactMap { row -> (String, String, Double)? in
            guard row.count == 3, let p = row[2].number else { return nil }
            return (row[0].text, row[1].text, p)
        }
        let visits = Self.expectedVisits(edges)
        let channelStates = visits.keys.filter { $0 != Self.start }
            .sorted { visits[$0]! != visits[$1]! ? visits[$0]! > visits[$1]! : $0 < $1 }
        let shown = Array(channelStates.prefix(Self.maxStates))
        guard !shown.isEmpty else { return nil }
        var probability: [String: [String: Double]] = [:]
        for (from, to, p) in edges { probability[from, default: [:]][to] = p }
        let rows = [Self.start] + shown
        let columns = shown + [Self.conversion, Self.null]
        let values = rows.map { from in columns.map { to in probability[from]?[to] } }
        let capped =
            channelStates.count > shown.count
            ? " Showing the \(shown.count) of \(channelStates.count) channel states journeys visit most (expected visits per journey)."
            : ""
        return "<h4>Transitions</h4>\n"
            + HTML.figure(
                HeatMap(rowLabels: rows, columnLabels: columns, values: values, title: "\(r.model): transition probabilities").svg,
                caption: "P(next state | state), from \(table.fileName); blank: no such transition.\(capped)")
    }

    /// Expected visits to each transient state per journey starting at (start):
    /// v = e_start + Qᵀ v, iterated (the chain is absorbing, so this converges).
    static func expectedVisits(_ edges: [(String, String, Double)]) -> [String: Double] {
        var ids: [String: Int] = [start: 0]
        for (from, _, _) in edges where ids[from] == nil { ids[from] = ids.count }
        let transient = edges.compactMap { e -> (Int, Int, Double)? in
            guard let a = ids[e.0], let b = ids[e.1] else { return nil }
            return (a, b, e.2)
        }
        var v = [Double](repeating: 0, count: ids.count)
        for _ in 0..<20_000 {
            var next = [Double](repeating: 0, count: ids.count)
            next[0] = 1
            for (a, b, p) in transient { next[b] += v[a] * p }
            let change = zip(next, v).map { abs($0 - $1) }.max() ?? 0
            v = next
            if change < 1e-12 { break }
        }
        return ids.mapValues { v[$0] }
    }
}
