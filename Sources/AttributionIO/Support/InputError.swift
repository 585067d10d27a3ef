/// Bad input, located as precisely as we can: file, line, column and value.
public struct InputError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var column: String?
    public var value: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: String? = nil, value: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.value = value
        self.message = message
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ":"
        if let column { s += " column '\(column)'" }
        if let value { s += (column == nil ? "" : ",") + " value '\(Self.shorten(value))'" }
        if column != nil || value != nil { s += ":" }
        return s + " " + message
    }

    private static func shorten(_ v: String) -> String {
        let flat = v.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        return flat.count > 80 ? String(flat.prefix(77)) + "..." : flat
    }
}

/// A problem found in one row while scanning in bulk; its line is computed only
/// when it is reported (from the byte offset), so the scan never counts lines.
struct RowProblem: Error, Sendable {
    var offset: Int
    var column: String?
    var value: String?
    var message: String
    /// Index of the field at fault, set by the scanner, which knows no column names.
    var field: Int? = nil

    /// The problem with its column named from the header, when only its index was known;
    /// a field past the header's last column is named by its position, so that every
    /// error in a data row names a column.
    func naming(_ names: [String]) -> RowProblem {
        var p = self
        if p.column == nil, let k = field {
            p.column = k < names.count ? names[k] : "field \(k + 1) (the header has \(names.count))"
        }
        return p
    }
}
