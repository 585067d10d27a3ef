import Foundation

/// Why a push-down query cannot be written; names the flag (or config key) and its value.
public struct PushDownError: Error, CustomStringConvertible, Equatable {
    public var setting: String
    public var value: String
    public var reason: String

    public var description: String { "\(setting) '\(value)': \(reason)" }
}

/// Identifiers and literals that configuration puts into the query. Nothing a user
/// configures is pasted in raw: identifiers are checked against a conservative
/// character set (no quote of any dialect can appear) and then quoted; literals are
/// escaped in each dialect's own way.
enum SQLText {
    /// One part of a (possibly qualified) name: letters, digits, `_`, `$`, `-` and
    /// inner spaces; not empty; at most 128 characters (every dialect's limit or more).
    static func identifierPart(_ part: Substring, setting: String, whole: String) throws -> String {
        let allowed = part.allSatisfy { ch in
            ch == "_" || ch == "$" || ch == "-" || ch == " " || ch.isLetter || ch.isNumber
        }
        guard !part.isEmpty, part.count <= 128, allowed, part.first != " ", part.last != " " else {
            throw PushDownError(setting: setting, value: whole,
                                reason: "not a valid identifier (letters, digits, _, $, - and inner spaces only; parts separated by '.')")
        }
        return String(part)
    }

    /// A column name: a single identifier, quoted.
    static func column(_ name: String, setting: String, dialect: SQLDialect) throws -> String {
        dialect.quote(try identifierPart(name[...], setting: setting, whole: name))
    }

    /// A table or view: `table`, `schema.table` or `catalog.schema.table`, each part quoted.
    static func relation(_ name: String, setting: String, dialect: SQLDialect) throws -> String {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else {
            throw PushDownError(setting: setting, value: name, reason: "expected table, schema.table or catalog.schema.table")
        }
        return try parts.map { dialect.quote(try identifierPart($0, setting: setting, whole: name)) }.joined(separator: ".")
    }

    /// A string literal. Control characters are refused (no dialect agrees on them);
    /// BigQuery and Snowflake read backslash escapes, so `\` and `'` are escaped with
    /// a backslash there; Redshift's handling of backslashes depends on settings, so
    /// a backslash is refused; elsewhere a quote is doubled.
    static func literal(_ value: String, setting: String, dialect: SQLDialect) throws -> String {
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw PushDownError(setting: setting, value: value, reason: "control characters cannot be put in a query")
        }
        switch dialect {
        case .bigquery, .snowflake:
            return "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        case .redshift where value.contains("\\"):
            throw PushDownError(setting: setting, value: value, reason: "a backslash cannot be put in a Redshift literal safely")
        default:
            return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        }
    }
}
