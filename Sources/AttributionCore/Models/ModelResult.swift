/// Credit per channel from one model, plus whatever the model reports beside it.
public struct ModelResult: Sendable {
    public var model: String
    public var channels: ChannelIndex
    /// Conversions credited, indexed by channel id.
    public var conversions: [Double]
    /// Revenue credited, indexed by channel id; nil without a value column.
    public var revenue: [Double]?
    /// Scalars for the JSON output (e.g. P(conversion)), in order.
    public var details: [(key: String, value: DetailValue)] = []
    /// Extra tables written beside attribution.csv.
    public var tables: [DetailTable] = []
    /// Lines worth printing to the user (e.g. an order-selection table).
    public var messages: [String] = []

    public init(model: String, channels: ChannelIndex, conversions: [Double], revenue: [Double]?) {
        self.model = model
        self.channels = channels
        self.conversions = conversions
        self.revenue = revenue
    }

    public var totalConversions: Double { conversions.reduce(0, +) }

    /// Normalized credit: each channel's conversions over the total (0 when nothing converted).
    public var shares: [Double] {
        let total = totalConversions
        return conversions.map { total > 0 ? $0 / total : 0 }
    }
}

public enum DetailValue: Sendable, Equatable {
    case number(Double)
    case integer(Int)
    case text(String)
    case flag(Bool)
}

/// A small table a model writes as its own CSV file (e.g. `markov_transitions.csv`).
public struct DetailTable: Sendable {
    public var fileName: String
    public var header: [String]
    public var rows: [[DetailValue]]

    public init(fileName: String, header: [String], rows: [[DetailValue]] = []) {
        self.fileName = fileName
        self.header = header
        self.rows = rows
    }
}
