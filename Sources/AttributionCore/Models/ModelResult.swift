/// Credit per channel from one model, plus whatever the model reports beside it.
public struct ModelResult: Sendable {
    /// The result's name: the `model` column of the outputs (`markov-2`, `neural-removal`).
    public var model: String
    /// The registry entry that produced it (`markov` for `markov-2`): what the report,
    /// the tables and the terminal key on, so no name is parsed back into its model.
    public var entry: String
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

    public init(model: String, entry: String? = nil, channels: ChannelIndex, conversions: [Double], revenue: [Double]?) {
        self.model = model
        self.entry = entry ?? model
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

/// A small table a model writes as its own CSV file (e.g. `markov_transitions.csv`)
/// and database table.
public struct DetailTable: Sendable {
    /// What the table holds, whatever model setting wrote it (`markov_transitions` for
    /// `markov-2` too): the database table's name and the report's key. Each model
    /// declares its kinds in its registry entry.
    public var kind: String
    /// The file beside attribution.csv; models run at several settings prefix it
    /// with their result name (`markov-2_transitions.csv`).
    public var fileName: String
    public var header: [String]
    public var rows: [[DetailValue]]

    public init(kind: String, fileName: String? = nil, header: [String], rows: [[DetailValue]] = []) {
        self.kind = kind
        self.fileName = fileName ?? kind + ".csv"
        self.header = header
        self.rows = rows
    }
}
