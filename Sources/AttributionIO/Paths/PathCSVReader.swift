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
    /// The field separator; nil: a comma, or `;`/tab when the header line shows one.
    public var delimiter: UInt8? = nil

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
        let header = try CSVHeader(file: file, delimiter: options.delimiter)
        let pathIndex = try header.index(of: options.pathColumn, file: path, flag: "--path-column")
        let convIndex = try header.index(of: options.conversionsColumn, file: path, flag: "--conversions-column")
        let valueIndex = try optionalColumn(
            options.valueColumn, default: PathInputOptions.defaultValueColumn, header, path, flag: "--value-column")
        let nullsIndex = try optionalColumn(
            options.nullsColumn, default: PathInputOptions.defaultNullsColumn, header, path, flag: "--nulls-column")
        let required = [pathIndex, convIndex, valueIndex ?? 0, nullsIndex ?? 0].max()! + 1

        // Channel names are interned from the bytes and paths kept in one flat array:
        // no String per step, which dominated reading large path files.
        var channelNames = ByteInterner(capacity: 64)
        var steps: [Int32] = []
        var rows: [(end: Int, conversions: Double, value: Double, nulls: Double)] = []
        let separator = Array(options.separator.utf8)
        var report = ReadReport()
        var scanner = CSVScanner(bytes: file.bytes, start: header.bodyStart, delimiter: header.delimiter)
        var fields: [CSVField] = []
        var scratch: [UInt8] = []
        while true {
            let offset: Int?
            do { offset = try scanner.next(into: &fields) } catch { throw file.inputError(error.naming(header.names)) }
            guard let offset else { break }
            func problem(_ column: Int?, _ message: String) -> RowProblem {
                RowProblem(
                    offset: offset, column: column.map { header.names[$0] },
                    value: column.map { scanner.string(fields[$0]) }, message: message)
            }
            func number(_ column: Int?, whole: Bool) throws(RowProblem) -> Double {
                guard let column, !fields[column].isEmpty else { return 0 }
                guard let v = scanner.withBytes(fields[column], scratch: &scratch, NumberParser.parse), v >= 0 else {
                    throw problem(column, whole ? "expected a count (a whole number, 0 or more)" : "expected a non-negative number")
                }
                // A journey count is whole; a fraction would be silently truncated by ChannelAttribution.
                if whole && v != v.rounded() { throw problem(column, "expected a count (a whole number, 0 or more)") }
                return v
            }
            let rowStart = steps.count
            do throws(RowProblem) {
                guard fields.count >= required else {
                    throw RowProblem(
                        offset: offset, column: header.names[fields.count], value: nil,
                        message: "row has \(fields.count) fields, the header has \(header.names.count)")
                }
                let conversions = try number(convIndex, whole: true)
                let value = try number(valueIndex, whole: false)
                let nulls = try number(nullsIndex, whole: true)
                let badByte = scanner.withBytes(fields[pathIndex], scratch: &scratch, UTF8Check.firstInvalid)
                if let badByte {
                    throw problem(pathIndex, "invalid UTF-8 at byte \(badByte) of the field; convert the file to UTF-8")
                }
                let complete = scanner.withBytes(fields[pathIndex], scratch: &scratch) { text in
                    PathSteps.split(text, separator: separator) { steps.append(channelNames.intern($0)) }
                }
                guard complete else { throw problem(pathIndex, "empty channel name in the path") }
                rows.append((steps.count, conversions, value, nulls))
                report.rows += 1
            } catch {
                steps.removeSubrange(rowStart...)
                guard options.skipBadRows else { throw file.inputError(error) }
                report.skippedRows += 1
                if report.firstSkipped.count < ReadReport.skippedShown { report.firstSkipped.append(file.inputError(error)) }
            }
        }
        guard report.rows > 0 else {
            throw InputError(
                file: path,
                message: report.skippedRows > 0
                    ? "every data row was bad (\(report.skippedRows) skipped)" : "no data rows after the header")
        }
        // Names are valid UTF-8 (checked above), so distinct bytes are distinct names.
        var channels = ChannelIndex()
        for k in 0..<channelNames.count { _ = channels.id(for: channelNames.string(k)) }
        var builder = PathTableBuilder(channels: channels)
        var start = 0
        for row in rows {
            if row.end == start {
                builder.addUnattributed(conversions: row.conversions, value: row.value, nulls: row.nulls)
            } else {
                builder.add(steps[start..<row.end], conversions: row.conversions, value: row.value, nulls: row.nulls)
            }
            start = row.end
        }
        let table = builder.table
        guard table.totalConversions + table.unattributedConversions > 0 else {
            throw InputError(file: path, column: options.conversionsColumn, message: "no path has any conversion")
        }
        return (table, valueIndex != nil, report)
    }

    /// A column the user named must exist; a default one is used only if present.
    private static func optionalColumn(_ named: String?, default name: String, _ header: CSVHeader, _ file: String, flag: String) throws
        -> Int?
    {
        if let named { return try header.index(of: named, file: file, flag: flag) }
        guard header.names.contains(where: { $0.lowercased() == name.lowercased() }) else { return nil }
        return try header.index(of: name, file: file)
    }
}

/// Splits a path like `email > search>display` on a separator, trimming spaces and
/// tabs around each channel. Returns false if a channel name is empty (`a>>b`);
/// an all-blank path has no steps.
enum PathSteps {
    static func split(_ text: UnsafeBufferPointer<UInt8>, separator: [UInt8], _ step: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        let n = text.count, m = separator.count
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        var lo = 0, hi = n
        while lo < hi && isBlank(text[lo]) { lo += 1 }
        while hi > lo && isBlank(text[hi - 1]) { hi -= 1 }
        if lo == hi { return true }
        var segmentStart = lo
        var i = lo
        while i <= hi {
            let atSeparator = i + m <= hi && (0..<m).allSatisfy { text[i + $0] == separator[$0] }
            if i == hi || atSeparator {
                var a = segmentStart, b = i
                while a < b && isBlank(text[a]) { a += 1 }
                while b > a && isBlank(text[b - 1]) { b -= 1 }
                if a == b { return false }
                step(UnsafeBufferPointer(rebasing: text[a..<b]))
                if i == hi { break }
                i += m
                segmentStart = i
            } else {
                i += 1
            }
        }
        return true
    }
}
