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
