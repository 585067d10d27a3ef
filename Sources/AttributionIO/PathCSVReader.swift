import AttributionCore

/// How to read a path-level CSV (ChannelAttribution / Python `mta` format).
public struct PathInputOptions: Sendable {
    public var pathColumn = "path"
    public var conversionsColumn = "total_conversions"
    /// Revenue per path; nil = use `total_conversion_value` when the header has it.
    public var valueColumn: String? = nil
    /// Null journeys per path; nil = use `total_null` when the header has it.
    public var nullsColumn: String? = nil
    public var separator = ">"
    public var skipBadRows = false

    public init() {}

    public static let defaultValueColumn = "total_conversion_value"
    public static let defaultNullsColumn = "total_null"
}

/// Reads `path,total_conversions[,total_conversion_value][,total_null]` rows into a
/// `PathTable`; repeated paths are summed, empty paths are unattributed conversions.
public enum PathCSVReader {
    public static func read(path: String, options: PathInputOptions) throws -> (table: PathTable, hasValue: Bool, report: ReadReport) {
        guard !options.separator.isEmpty else {
            throw InputError(file: path, message: "the path separator must not be empty")
        }
        let file = try MappedFile(path: path)
        let header = try CSVHeader(file: file)
        let pathIndex = try header.index(of: options.pathColumn, file: path)
        let convIndex = try header.index(of: options.conversionsColumn, file: path)
        let valueIndex = try optionalColumn(options.valueColumn, default: PathInputOptions.defaultValueColumn, header, path)
        let nullsIndex = try optionalColumn(options.nullsColumn, default: PathInputOptions.defaultNullsColumn, header, path)
        let required = [pathIndex, convIndex, valueIndex ?? 0, nullsIndex ?? 0].max()! + 1

        var channels = ChannelIndex()
        var rows: [(steps: [Int32], conversions: Double, value: Double, nulls: Double)] = []
        var report = ReadReport()
        var scanner = CSVScanner(bytes: file.bytes, start: header.bodyStart)
        var fields: [CSVField] = []
        var scratch: [UInt8] = []
        while true {
            let offset: Int?
            do { offset = try scanner.next(into: &fields) } catch { throw file.inputError(error.naming(header.names)) }
            guard let offset else { break }
            func problem(_ column: Int?, _ message: String) -> RowProblem {
                RowProblem(offset: offset, column: column.map { header.names[$0] },
                           value: column.map { scanner.string(fields[$0]) }, message: message)
            }
            func number(_ column: Int?) throws(RowProblem) -> Double {
                guard let column, !fields[column].isEmpty else { return 0 }
                guard let v = scanner.withBytes(fields[column], scratch: &scratch, NumberParser.parse), v >= 0 else {
                    throw problem(column, "expected a non-negative number")
                }
                return v
            }
            do throws(RowProblem) {
                guard fields.count >= required else {
                    throw RowProblem(offset: offset, column: header.names[fields.count], value: nil,
                                     message: "row has \(fields.count) fields, the header has \(header.names.count)")
                }
                let conversions = try number(convIndex)
                let value = try number(valueIndex)
                let nulls = try number(nullsIndex)
                let text = scanner.string(fields[pathIndex]).trimmingSpaces
                var steps: [Int32] = []
                if !text.isEmpty {
                    for part in text.components(separatedBy: options.separator) {
                        let name = part.trimmingSpaces
                        guard !name.isEmpty else { throw problem(pathIndex, "empty channel name in the path") }
                        steps.append(channels.id(for: name))
                    }
                }
                rows.append((steps, conversions, value, nulls))
                report.rows += 1
            } catch {
                guard options.skipBadRows else { throw file.inputError(error) }
                report.skippedRows += 1
                if report.firstSkipped.count < ReadReport.skippedShown { report.firstSkipped.append(file.inputError(error)) }
            }
        }
        guard report.rows > 0 else {
            throw InputError(file: path, message: report.skippedRows > 0
                ? "every data row was bad (\(report.skippedRows) skipped)" : "no data rows after the header")
        }
        var builder = PathTableBuilder(channels: channels)
        for row in rows {
            if row.steps.isEmpty {
                builder.addUnattributed(conversions: row.conversions, value: row.value)
            } else {
                builder.add(row.steps[...], conversions: row.conversions, value: row.value, nulls: row.nulls)
            }
        }
        let table = builder.table
        guard table.totalConversions + table.unattributedConversions > 0 else {
            throw InputError(file: path, column: options.conversionsColumn, message: "no path has any conversion")
        }
        return (table, valueIndex != nil, report)
    }

    /// A column the user named must exist; a default one is used only if present.
    private static func optionalColumn(_ named: String?, default name: String, _ header: CSVHeader, _ file: String) throws -> Int? {
        if let named { return try header.index(of: named, file: file) }
        return header.names.firstIndex(of: name)
    }
}
