/// The one rule for identifiers and literals that configuration puts into SQL,
/// for every dialect: the push-down, paged event reads, `mta import` and result
/// tables all go through here. Nothing a user configures is pasted in raw:
/// identifiers are checked against a character set that holds no quote of any
/// dialect (so `SQLDialect.quote` never needs escaping), then quoted; literals
/// are escaped in each dialect's own way.
///
/// Names we READ (the user's columns and relations) follow the wide rule, since
/// they are whatever the user's data is called. Names we CREATE follow the strict
/// rule (`createdName`): letters, digits and `_` work unquoted in every engine and
/// in whatever tool reads the tables next, and 63 bytes is PostgreSQL's limit, so
/// a longer name would be cut silently.
enum SQLText {
    /// One part of a (possibly qualified) name we read: letters, digits, `_`, `$`, `-`
    /// and inner spaces; not empty; at most 128 characters (every dialect's limit or more).
    static func identifierPart(_ part: Substring, setting: String, whole: String) throws -> String {
        let allowed = part.allSatisfy { ch in
            ch == "_" || ch == "$" || ch == "-" || ch == " " || ch.isLetter || ch.isNumber
        }
        guard !part.isEmpty, part.count <= 128, allowed, part.first != " ", part.last != " " else {
            throw SQLTextError(
                setting: setting, value: whole,
                reason: "not a valid identifier (letters, digits, _, $, - and inner spaces only; parts separated by '.')")
        }
        return String(part)
    }

    /// A column we read: a single identifier, quoted.
    static func column(_ name: String, setting: String, dialect: SQLDialect) throws -> String {
        dialect.quote(try identifierPart(name[...], setting: setting, whole: name))
    }

    /// A table or view we read: `table`, `schema.table` or `catalog.schema.table`, each part quoted.
    static func relation(_ name: String, setting: String, dialect: SQLDialect) throws -> String {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else {
            throw SQLTextError(setting: setting, value: name, reason: "expected table, schema.table or catalog.schema.table")
        }
        var quoted: [String] = []
        for part in parts { quoted.append(dialect.quote(try identifierPart(part, setting: setting, whole: name))) }
        return quoted.joined(separator: ".")
    }

    /// A string literal. Control characters are refused (no dialect agrees on them);
    /// BigQuery and Snowflake read backslash escapes, so `\` and `'` are escaped with
    /// a backslash there; Redshift's handling of backslashes depends on settings, so
    /// a backslash is refused; elsewhere a quote is doubled.
    static func literal(_ value: String, setting: String, dialect: SQLDialect) throws -> String {
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw SQLTextError(setting: setting, value: value, reason: "control characters cannot be put in a query")
        }
        switch dialect {
        case .bigquery, .snowflake:
            return "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        case .redshift where value.contains("\\"):
            throw SQLTextError(setting: setting, value: value, reason: "a backslash cannot be put in a Redshift literal safely")
        default:
            return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        }
    }

    // MARK: Names we create

    /// Whether `name` may name a table or column we create: letters, digits and `_`,
    /// not starting with a digit, at most 63 bytes.
    static func isCreatable(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 63 else { return false }
        guard first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// A table or column we create, quoted (so reserved words and mixed case work as typed).
    static func createdName(_ name: String, setting: String, dialect: SQLDialect) throws -> String {
        guard isCreatable(name) else {
            throw SQLTextError(
                setting: setting, value: name,
                reason: "must be letters, digits and _ (not starting with a digit, at most 63 bytes)")
        }
        return dialect.quote(name)
    }

    /// A table we create: `table` or `schema.table`, each part checked and quoted.
    static func createdRelation(_ name: String, setting: String, dialect: SQLDialect) throws -> String {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2 else {
            throw SQLTextError(setting: setting, value: name, reason: "must be table or schema.table")
        }
        var quoted: [String] = []
        for part in parts { quoted.append(try createdName(part, setting: setting, dialect: dialect)) }
        return quoted.joined(separator: ".")
    }

    /// A prefix of the tables we create: empty, or letters, digits and `_` (checked as
    /// part of the full names).
    static func checkPrefix(_ prefix: String, setting: String) throws {
        guard prefix.isEmpty || isCreatable(prefix + "x") else {
            throw SQLTextError(setting: setting, value: prefix, reason: "must be letters, digits and _ (not starting with a digit)")
        }
    }
}
