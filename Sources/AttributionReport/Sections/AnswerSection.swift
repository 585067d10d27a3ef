import AttributionCore

/// The first screen: the period analysed, the recommended model's answer (with its
/// interval when asked for), where the models agree and where they part, and with
/// spend what the credit implies for the budget.
struct AnswerSection: ReportSection {
    /// A model is named as disagreeing when it gives a channel this many points more.
    static let disagreementPoints = 0.05
    static let disagreementsNamed = 5

    func render(_ doc: AttributionDocument) -> RenderedSection? {
        let results = doc.results
        guard !results.isEmpty else { return nil }
        var html = HTML.paragraph(Self.period(doc))
        let recommendation = doc.recommendation
        let lead = recommendation.flatMap { rec in results.first { $0.model == rec.model } } ?? results[0]
        if let recommendation {
            html +=
                "<p class=\"headline\"><strong>Recommended model: \(HTML.escape(recommendation.model))</strong>, because "
                + HTML.escape(recommendation.reason) + ".</p>\n"
        } else {
            html += HTML.paragraph(
                "No model is recommended: none of the models run predicts conversions, so none can be "
                    + "checked on journeys it was not fitted on. Add markov or shapley-rate (or neural-removal) to get one; "
                    + "below, \(lead.model) leads and the others follow for comparison.", cssClass: "alert")
        }
        html += "<p class=\"headline\">" + HTML.escape(Self.headline(lead, intervals: doc.intervals)) + "</p>\n"
        let negative = FamilySection.order(lead).reversed().filter { lead.conversions[$0] < 0 }
        if let worst = negative.first {
            html += HTML.paragraph(
                "\(lead.model) gives \(negative.count) channel\(negative.count == 1 ? "" : "s") negative credit "
                    + "(\(lead.channels.names[worst]) \(NumberFormat.percent(lead.shares[worst]))): a share outside 0–100 % is not a "
                    + "share of conversions, so read this model with care and compare it with the others below.", cssClass: "alert")
        }
        let others = results.filter { $0.model != lead.model }.map(\.model)
        if !others.isEmpty { html += HTML.paragraph("For comparison: \(others.joined(separator: ", ")).", cssClass: "note") }
        html += "<h3>Where the models agree and disagree</h3>\n"
        for sentence in Self.consensus(results) + Self.disagreements(results, lead: lead) { html += HTML.paragraph(sentence) }
        if let spend = doc.spend { html += Self.budget(lead, spend: spend, intervals: doc.intervals) }
        return RenderedSection(id: "answer", title: "The answer", html: html)
    }

    static func period(_ doc: AttributionDocument) -> String {
        guard let p = doc.period else {
            return "Analysed: \(doc.input) (\(doc.format))" + (doc.format == "paths" ? "; path-level input carries no dates." : ".")
        }
        let days = p.lastDay - p.firstDay + 1
        return "Analysed: touches and conversions from \(SpendSection.date(p.firstDay)) to \(SpendSection.date(p.lastDay)) "
            + "(\(days) UTC day\(days == 1 ? "" : "s")), \(doc.input)."
    }

    /// The lead model's top channels in one sentence, intervals when the run has them.
    static func headline(_ r: ModelResult, intervals: IntervalReport?) -> String {
        let order = FamilySection.order(r)
        guard let top = order.first, r.totalConversions > 0 else { return "\(r.model) credits no conversion to any channel." }
        let shares = r.shares
        let model = intervals?.intervals(for: r.model)
        func share(_ c: Int) -> String {
            var text = NumberFormat.percent(shares[c])
            if let m = model, let k = m.channels.lookup(r.channels.names[c]) {
                let i = m.intervals[Int(k)]
                text +=
                    " (\(NumberFormat.level(intervals!.options.level)) interval \(NumberFormat.percent(i.shareLow))–\(NumberFormat.percent(i.shareHigh)))"
            }
            return text
        }
        var sentence = "Under \(r.model), \(r.channels.names[top]) earns the most credit: \(share(top)) of credited conversions"
        let next = order.dropFirst().prefix(2).filter { r.conversions[$0] > 0 }
        if !next.isEmpty {
            sentence += ", then " + next.map { "\(r.channels.names[$0]) \(share($0))" }.joined(separator: " and ")
        }
        return sentence + "."
    }

    /// Which channel the models put first, and which channels every model puts in its top three.
    static func consensus(_ results: [ModelResult]) -> [String] {
        guard results.count > 1 else { return ["Only one model ran, so there is nothing to compare."] }
        var firsts: [String: [String]] = [:]
        for r in results where r.totalConversions > 0 {
            if let top = FamilySection.order(r).first { firsts[r.channels.names[top], default: []].append(r.model) }
        }
        let ranked = firsts.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
        var out: [String] = []
        if let (channel, models) = ranked.first {
            out.append(
                models.count == results.count
                    ? "All \(results.count) models rank \(channel) first."
                    : "\(models.count) of \(results.count) models rank \(channel) first"
                        + (ranked.count > 1
                            ? "; "
                                + ranked.dropFirst().map {
                                    "\($0.value.joined(separator: ", ")) rank\($0.value.count == 1 ? "s" : "") \($0.key) first"
                                }.joined(separator: "; ") : "")
                        + ".")
        }
        let topThree = results.map { r in Set(FamilySection.order(r).prefix(3).map { r.channels.names[$0] }) }
        let everywhere = topThree.dropFirst().reduce(topThree[0]) { $0.intersection($1) }.sorted()
        if !everywhere.isEmpty {
            out.append("Every model puts \(Self.list(everywhere)) among its top three channels.")
        }
        return out
    }

    /// Channels where another model gives more than `disagreementPoints` more credit than the lead model.
    static func disagreements(_ results: [ModelResult], lead: ModelResult) -> [String] {
        let leadShares = lead.shares
        var found: [(gap: Double, text: String)] = []
        for r in results where r.model != lead.model {
            let shares = r.shares
            for (c, name) in r.channels.names.enumerated() {
                let theirs = shares[c]
                let ours = lead.channels.lookup(name).map { leadShares[Int($0)] } ?? 0
                guard theirs - ours > Self.disagreementPoints else { continue }
                let what =
                    ours < 0 ? "finds a negative share (\(NumberFormat.percent(ours)))"
                    : ours <= 0.005 ? "finds no measurable share (\(NumberFormat.percent(ours)))" : "finds \(NumberFormat.percent(ours))"
                found.append((theirs - ours, "\(r.model) gives \(name) \(NumberFormat.percent(theirs)); \(lead.model) \(what)."))
            }
        }
        guard !found.isEmpty else {
            return ["No model gives any channel more than \(Int(Self.disagreementPoints * 100)) points more credit than \(lead.model)."]
        }
        let shown = found.sorted { $0.gap > $1.gap }.prefix(Self.disagreementsNamed)
        var out = shown.map(\.text)
        if found.count > shown.count {
            out.append(
                "\(found.count - shown.count) more such gaps of over \(Int(Self.disagreementPoints * 100)) points are in the comparison table."
            )
        }
        return out
    }

    /// Each channel's share of spend against its share of credit, its return, and the
    /// budget that would follow the credit (spend × credit share / spend share).
    static func budget(_ r: ModelResult, spend: ChannelSpend, intervals: IntervalReport?) -> String {
        let total = spend.spend.reduce(0) { $0 + $1.amount }
        guard total > 0 else { return "" }
        let shares = r.shares
        // Negative credit buys no budget; the rest is shared in proportion, so the column sums to the spend.
        let positive = spend.spend.reduce(0.0) { sum, s in sum + max(r.channels.lookup(s.channel).map { shares[Int($0)] } ?? 0, 0) }
        var t = HTMLTable(
            header: ["channel", "spend", "share of spend", "share of credit", "revenue per unit spent", "budget following the credit"],
            numeric: [1, 2, 3, 4, 5])
        let interval = intervals?.intervals(for: r.model)
        func suggested(_ credit: Double) -> Double { positive > 0 ? total * max(credit, 0) / positive : 0 }
        for (channel, amount) in spend.spend.sorted(by: { $0.amount > $1.amount }) {
            let k = r.channels.lookup(channel).map(Int.init)
            let credit = k.map { shares[$0] } ?? 0
            var roas: HTMLTable.Cell = .empty(field: "roas")
            if let k, let revenue = r.revenue, amount > 0 {
                var shown = NumberFormat.ratio(revenue[k] / amount)
                if let m = interval, let i = m.channels.lookup(channel).map({ m.intervals[Int($0)] }), r.totalConversions > 0 {
                    // Revenue follows the conversions' interval in proportion (each model credits revenue as it credits conversions).
                    let perConversion = r.conversions[k] > 0 ? revenue[k] / r.conversions[k] : 0
                    shown +=
                        " (\(NumberFormat.ratio(i.conversionsLow * perConversion / amount))–\(NumberFormat.ratio(i.conversionsHigh * perConversion / amount)))"
                }
                roas = .number(revenue[k] / amount, shown: shown, field: "roas")
            }
            t.append(
                [
                    .text(channel), .number(amount, shown: NumberFormat.money(amount), field: "spend"),
                    .number(amount / total, shown: NumberFormat.percent(amount / total), field: "spend_share"),
                    .number(credit, shown: NumberFormat.percent(credit), field: "credit_share"), roas,
                    .number(suggested(credit), shown: NumberFormat.money(suggested(credit)), field: "suggested_spend"),
                ],
                attributes: [("data-channel", channel)])
        }
        var html = "<h3>What the credit implies for the budget</h3>\n" + t.html
        html += HTML.paragraph(
            "A suggestion, not a plan: the last column moves each channel's budget to its share of "
                + "\(r.model)'s credit among the channels in the spend file (spend × share of credit ÷ share of spend, the form "
                + "Databricks' attribution accelerator uses; a channel with negative credit gets none). "
                + "It assumes each channel's return stays what it was at a different budget, which saturation, seasonality and "
                + "competition make unlikely; move budget in steps and measure.", cssClass: "note")
        let untouched = spend.spend.filter { s in s.amount > 0 && r.channels.lookup(s.channel) == nil }.map(\.channel)
        if !untouched.isEmpty {
            html += HTML.paragraph(
                "Spend on \(Self.list(untouched)) bought no touch in the data: check the channel names in the spend file.",
                cssClass: "alert")
        }
        return html
    }

    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
