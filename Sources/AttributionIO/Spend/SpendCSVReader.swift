import AttributionCore

/// Reads a spend table: `channel,spend[,period]`, one row per channel (and period).
///
/// - `spend`: a non-negative decimal number (no currency sign, no thousands separator).
/// - `period` (optional column): `YYYY-MM-DD` (a day) or `YYYY-MM` (a month); an
///   empty cell means the row applies whatever the window.
/// - Several rows for one channel and period (e.g. one per campaign) are summed:
///   spend exports are often per campaign, and adding them is what a reader expects.
/// Any other problem stops with an `InputError` naming file, line, column and value.
public enum SpendCSVReader {
    public static let channelColumn = "channel"
    public static let spendColumn = "spend"
    public static let periodColumn = "period"

    public static func read(path: String) throws -> SpendTable {
        let file = try MappedFile(path: path)
        let header = try CSVHeader(file: file)
        let channel = try header.index(of: channelColumn, file: path)
        let spend = try header.index(of: spendColumn, file: path)
        let period = header.names.firstIndex { $0.lowercased() == periodColumn }
        let required = max(channel, spend, period ?? 0) + 1

        var rows: [SpendTable.Row] = []
        var scanner = CSVScanner(bytes: file.bytes, start: header.bodyStart)
        var fields: [CSVField] = []
        while true {
            let offset: Int?
            do { offset = try scanner.next(into: &fields) } catch { throw file.inputError(error.naming(header.names)) }
            guard let offset else { break }
            func fail(_ column: Int, _ message: String) -> InputError {
                file.inputError(
                    RowProblem(
                        offset: offset, column: header.names[column],
                        value: scanner.string(fields[column]), message: message))
            }
            guard fields.count >= required else {
                throw file.inputError(
                    RowProblem(
                        offset: offset, column: header.names[fields.count], value: nil,
                        message: "row has \(fields.count) field\(fields.count == 1 ? "" : "s"), the header has \(header.names.count)"))
            }
            let name = scanner.string(fields[channel]).trimmingSpaces
            guard !name.isEmpty else { throw fail(channel, "empty channel name") }
            let text = scanner.string(fields[spend]).trimmingSpaces
            guard let amount = Double(text), amount.isFinite else {
                throw fail(spend, "spend is not a number (write it like 1234.5, without currency or separators)")
            }
            guard amount >= 0 else { throw fail(spend, "spend must not be negative") }
            var when: SpendPeriod? = nil
            if let period {
                let raw = scanner.string(fields[period]).trimmingSpaces
                if !raw.isEmpty {
                    guard let parsed = SpendPeriod.parse(raw) else {
                        throw fail(period, "period must be a day YYYY-MM-DD or a month YYYY-MM")
                    }
                    when = parsed
                }
            }
            rows.append(SpendTable.Row(channel: name, period: when, amount: amount))
        }
        guard !rows.isEmpty else { throw InputError(file: path, message: "no data rows after the header") }
        return SpendTable(source: path, rows: rows)
    }
}
