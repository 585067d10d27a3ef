import AttributionCore

/// `spend_roas.csv`: cost per credited conversion and return on ad spend, per model and channel.
public enum SpendROASFile {
    public static let fileName = "spend_roas.csv"
    public static let header = ["model", "channel", "spend", "conversions", "revenue", "cost_per_conversion", "roas"]

    /// The rows of every successful model; empty cells where a figure does not exist
    /// (no spend listed, no revenue column, no positive credit, spend 0).
    public static func csv(_ rows: [SpendReturn]) -> String {
        var w = CSVWriter(header: header)
        func cell(_ d: Double?) -> String { d.map(CSVWriter.number) ?? "" }
        for r in rows {
            w.appendRow([
                r.model, r.channel, cell(r.spend), CSVWriter.number(r.conversions), cell(r.revenue),
                cell(r.costPerConversion), cell(r.roas),
            ])
        }
        return w.text
    }

    /// The file for a document, or nil when the run had no spend table.
    public static func csv(_ doc: AttributionDocument) -> String? {
        doc.spend.map { csv(SpendReturns.rows(results: doc.results, spend: $0)) }
    }
}
