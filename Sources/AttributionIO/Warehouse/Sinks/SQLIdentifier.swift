import AttributionCore
/// Table and column names that come from the user (`--table`, `--table-prefix`, the
/// column flags) and end up in SQL we write. They are checked against a strict
/// pattern first, so no quote, semicolon or comment can get in, and then quoted,
/// so reserved words and mixed case work as typed.
public enum SQLIdentifier {
    /// Letters, digits and `_`, not starting with a digit, at most 63 bytes
    /// (PostgreSQL's limit, the strictest of the databases written to).
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 63 else { return false }
        guard first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// The name quoted, or an error naming the setting and the value.
    public static func quoted(_ name: String, setting: String, source: String) throws -> String {
        guard isValid(name) else {
            throw InputError(file: source, column: nil, value: name,
                             message: "\(setting) must be letters, digits and _ (not starting with a digit, at most 63 bytes)")
        }
        return "\"\(name)\""
    }

    /// `table` or `schema.table`, each part checked and quoted.
    public static func quotedRelation(_ name: String, setting: String, source: String) throws -> String {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2 else {
            throw InputError(file: source, value: name, message: "\(setting) must be table or schema.table")
        }
        return try parts.map { try quoted($0, setting: setting, source: source) }.joined(separator: ".")
    }

    /// A table prefix: empty, or letters, digits and `_` (checked as part of the full names).
    public static func checkPrefix(_ prefix: String, source: String) throws {
        guard prefix.isEmpty || isValid(prefix + "x") else {
            throw InputError(file: source, value: prefix, message: "--table-prefix must be letters, digits and _ (not starting with a digit)")
        }
    }
}
