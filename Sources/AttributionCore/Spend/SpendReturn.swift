/// One model's economics for one channel: what it cost and what the model credits it with.
public struct SpendReturn: Sendable, Equatable {
    public var model: String
    public var channel: String
    /// nil: the channel is not in the spend table.
    public var spend: Double?
    /// Credited conversions; 0 for a channel only the spend table lists.
    public var conversions: Double
    /// Credited revenue (0 for a channel only the spend table lists); nil without a value column.
    public var revenue: Double?
    /// spend / conversions; nil without spend (none, or 0) or unless conversions are positive
    /// (a cost per negative credit, possible under shapley-rate, means nothing).
    public var costPerConversion: Double?
    /// revenue / spend; nil when spend is unknown or 0, or there is no revenue.
    public var roas: Double?

    public init(model: String, channel: String, spend: Double?, conversions: Double, revenue: Double?) {
        self.model = model
        self.channel = channel
        self.spend = spend
        self.conversions = conversions
        self.revenue = revenue
        if let spend, spend > 0, conversions > 0 { costPerConversion = spend / conversions }
        if let spend, spend > 0, let revenue { roas = revenue / spend }
    }
}

public enum SpendReturns {
    /// Per model (in the order given) and channel (by name), every channel either the
    /// model credits or the spend table lists: a channel with spend and no credit, or
    /// credit and no spend, is kept so money spent on nothing (or credit for free) shows.
    public static func rows(results: [ModelResult], spend: ChannelSpend) -> [SpendReturn] {
        var out: [SpendReturn] = []
        for r in results {
            var index: [String: Int] = [:]
            for (i, name) in r.channels.names.enumerated() { index[name] = i }
            let channels = Set(r.channels.names).union(spend.spend.map(\.channel)).sorted()
            for channel in channels {
                let c = index[channel]
                out.append(
                    SpendReturn(
                        model: r.model, channel: channel, spend: spend.amount(for: channel),
                        conversions: c.map { r.conversions[$0] } ?? 0,
                        revenue: r.revenue.map { revenue in c.map { revenue[$0] } ?? 0 }))
            }
        }
        return out
    }
}
