import Foundation

/// The SQL dialects the path table can be pushed down to (and the warehouses read),
/// and how each spells the few things that differ: quoting, types, time arithmetic,
/// ordered string aggregation.
public enum SQLDialect: String, Sendable, CaseIterable {
    case postgres, redshift, snowflake, bigquery, trino, duckdb, sqlite

    /// An identifier part, quoted. Only parts `SQLText` has checked come here (and result
    /// columns, which `ResultTables` cleans to letters, digits and `_`); its
    /// rules (read and create) hold no quote character, so quoting never needs escaping.
    func quote(_ part: String) -> String {
        self == .bigquery ? "`\(part)`" : "\"\(part)\""
    }

    var textType: String {
        switch self {
        case .bigquery: "STRING"
        case .sqlite: "TEXT"
        default: "VARCHAR"
        }
    }

    var doubleType: String {
        switch self {
        case .postgres, .redshift: "DOUBLE PRECISION"
        case .bigquery: "FLOAT64"
        case .sqlite: "REAL"
        default: "DOUBLE"
        }
    }

    /// The timestamp column as the query compares it. SQLite has no timestamp type:
    /// its ISO 8601 text becomes integer milliseconds since the epoch (exact to the
    /// millisecond, like the in-process reader), so comparisons and arithmetic are exact.
    func timestamp(_ column: String) -> String {
        self == .sqlite ? "CAST(ROUND((julianday(\(column)) - 2440587.5) * 86400000.0) AS INTEGER)" : column
    }

    /// A UTC instant (ms since the epoch) as a literal comparable with `timestamp(_:)`.
    /// Zoneless timestamp columns are read as UTC, as the in-process reader does.
    func instant(ms: Int64) -> String {
        if self == .sqlite { return String(ms) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        let text = f.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
        switch self {
        case .snowflake: return "TO_TIMESTAMP('\(text)')"
        case .bigquery: return "TIMESTAMP('\(text) UTC')"
        default: return "TIMESTAMP '\(text)'"
        }
    }

    /// `time` minus `ms` milliseconds, in fixed units (never calendar days, which move
    /// with daylight saving in zoned types, and never DATEDIFF, which counts boundaries).
    func minus(_ time: String, milliseconds ms: Int64) -> String {
        switch self {
        case .postgres, .redshift:
            let seconds = ms % 1000 == 0 ? "\(ms / 1000)" : "\(ms / 1000).\(String(format: "%03d", ms % 1000))"
            return "\(time) - INTERVAL '\(seconds) seconds'"
        case .snowflake: return "DATEADD(millisecond, -\(ms), \(time))"
        case .bigquery: return "TIMESTAMP_SUB(\(time), INTERVAL \(ms) MILLISECOND)"
        case .trino: return "date_add('millisecond', -\(ms), \(time))"
        case .duckdb: return "\(time) - to_milliseconds(\(ms))"
        case .sqlite: return "\(time) - \(ms)"
        }
    }

    /// Channels joined by `separator` in `order` (one aggregate per SELECT on Redshift,
    /// where every LISTAGG must share its ORDER BY).
    func orderedJoin(_ expr: String, separator: String, orderBy order: String) -> String {
        switch self {
        case .postgres, .duckdb, .bigquery: "STRING_AGG(\(expr), \(separator) ORDER BY \(order))"
        case .redshift, .snowflake: "LISTAGG(\(expr), \(separator)) WITHIN GROUP (ORDER BY \(order))"
        case .trino: "array_join(array_agg(\(expr) ORDER BY \(order)), \(separator))"
        case .sqlite: "group_concat(\(expr), \(separator) ORDER BY \(order))"
        }
    }

    /// Channel names sort the same way as in process (by code point): PostgreSQL's
    /// default collation may follow the locale, so it is told to use "C".
    func binaryOrder(_ expr: String) -> String {
        self == .postgres ? "\(expr) COLLATE \"C\"" : expr
    }

    /// Length of a string in bytes (UTF-8), for the Redshift path cap.
    func byteLength(_ expr: String) -> String {
        switch self {
        case .duckdb: "strlen(\(expr))"
        case .bigquery: "BYTE_LENGTH(\(expr))"
        case .trino: "length(to_utf8(\(expr)))"
        default: "OCTET_LENGTH(\(expr))"
        }
    }

    /// Redshift's LISTAGG result is at most 65 535 bytes.
    var maxPathBytes: Int? { self == .redshift ? 65_535 : nil }
}
