import AttributionCore

/// Builds RFC 4180 CSV text: fields with a comma, quote or line break are quoted.
public struct CSVWriter {
    public private(set) var text = ""

    public init(header: [String]) { appendRow(header) }

    public mutating func appendRow(_ fields: [String]) {
        text += fields.map(Self.escape).joined(separator: ",")
        text += "\n"
    }

    public static func escape(_ field: String) -> String {
        // Bytes, not Characters: "\r\n" is a single Character, equal to neither "\r" nor "\n".
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Rounded to the precision the figures carry (see `JSONValue.formatRounded`):
    /// float noise in a spreadsheet reads as a real difference.
    public static func number(_ d: Double) -> String { JSONValue.formatRounded(d) }
}
