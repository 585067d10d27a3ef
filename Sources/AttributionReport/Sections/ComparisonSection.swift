import AttributionCore

/// Every model side by side per channel, and where they disagree most.
struct ComparisonSection: ReportSection {
    static let namedDisagreements = 3

    func render(_ doc: AttributionDocument) -> RenderedSection? {
        let results = doc.results
        guard !results.isEmpty else { return nil }
        // Channels by name across models (they share one index, but need not).
        var channels: [String] = []
        var seen = Set<String>()
        for r in results { for n in r.channels.names where seen.insert(n).inserted { channels.append(n) } }
        let shareByModel: [[String: Double]] = results.map { r in
            let s = r.shares
            return Dictionary(r.channels.names.enumerated().map { ($1, s[$0]) }, uniquingKeysWith: +)
        }
        let mean = { (c: String) in shareByModel.compactMap { $0[c] }.reduce(0, +) / Double(max(results.count, 1)) }
        channels.sort { mean($0) != mean($1) ? mean($0) > mean($1) : $0 < $1 }

        let intervals = results.map { doc.intervals?.intervals(for: $0.model) }
        let (shownChannels, foldedChannels) = ChannelFold.split(channels)
        let rows = shownChannels.map { c in
            DotPlot.Row(
                label: c, values: shareByModel.map { $0[c] },
                intervals: intervals.map { m in
                    m.flatMap { m in m.channels.lookup(c).map { m.intervals[Int($0)] } }.map { $0.shareLow...$0.shareHigh }
                })
        }
        var caption = "Share of credited conversions per channel, one marker per model; channels by mean share"
        if let report = doc.intervals, !report.models.isEmpty {
            caption +=
                "; bars: \(NumberFormat.percent(report.options.level)) intervals from \(report.options.replicates) "
                + "bootstrap replicates of the journeys (their sampling noise, not the model's error)"
            let without = doc.resultsWithoutInterval
            if !without.isEmpty { caption += "; no interval for \(without.joined(separator: ", "))" }
        }
        caption += "." + ChannelFold.note(foldedChannels.count)
        var html = HTML.figure(
            DotPlot(series: results.map(\.model), rows: rows, title: "Share by channel and model").svg
                .replacingOccurrences(of: "class=\"chart\"", with: "class=\"chart comparison-chart\""),
            caption: caption)
        html += HTML.paragraph(disagreement(channels: channels, shares: shareByModel, models: results.count))

        // Shares in % and the spread in points, the units in the header: a column per model fits 800 px.
        var t = HTMLTable(
            header: ["channel (share, %)"] + results.map(\.model) + ["spread (points)"], numeric: Set(1...(results.count + 1)))
        for c in channels {
            let values = shareByModel.map { $0[c] }
            var cells: [HTMLTable.Cell] = values.map { v in
                v.map { .number($0, shown: NumberFormat.percentNumber($0), field: "share") } ?? .empty()
            }
            let spread = Self.spread(values.compactMap { $0 })
            cells.append(.number(spread, shown: NumberFormat.grouped(spread * 100, decimals: 1), field: "spread"))
            t.append([.text(c)] + cells, attributes: [("data-channel", c)])
        }
        html += t.html
        return RenderedSection(id: "comparison", title: "Models compared", html: html)
    }

    static func spread(_ values: [Double]) -> Double { (values.max() ?? 0) - (values.min() ?? 0) }

    /// The channels with the largest max − min share across models, named in a sentence.
    func disagreement(channels: [String], shares: [[String: Double]], models: Int) -> String {
        guard models > 1 else { return "Only one model ran, so there is nothing to compare." }
        let ranked = channels.map { c in (c, Self.spread(shares.compactMap { $0[c] })) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let top = ranked.prefix(Self.namedDisagreements).filter { $0.1 > 0 }
        guard !top.isEmpty else { return "All models give every channel the same share." }
        let named = top.map { "\($0.0) (\(NumberFormat.points($0.1)) apart)" }
        let list = named.count == 1 ? named[0] : named.dropLast().joined(separator: ", ") + " and " + named.last!
        return
            "The models disagree most on \(list): the spread is the largest share any model gives the channel minus the smallest, in percentage points."
    }
}
