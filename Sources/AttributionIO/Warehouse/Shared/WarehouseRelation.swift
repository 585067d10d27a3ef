import Foundation

/// What the events are read from in a warehouse: a table (or view) or the user's query.
public enum WarehouseRelation: Sendable, Equatable {
    /// A table or view: `name`, `schema.name` or `catalog.schema.name`.
    case table(String)
    /// A query the user wrote, used as a parenthesised subquery. It is the user's
    /// own SQL, taken as given (a trailing `;` is dropped).
    case query(String)

    /// The relation as a FROM item named `mta_source`, for the push-down and the paged reads alike.
    func fromItem(dialect: SQLDialect) throws -> String {
        switch self {
        case .table(let name):
            return try SQLText.relation(name, setting: "--table", dialect: dialect) + " AS mta_source"
        case .query(let text):
            let q = Self.trimmed(text)
            guard !q.isEmpty else { throw SQLTextError(setting: "--query", value: text, reason: "empty query") }
            return "(\n\(q)\n) AS mta_source"
        }
    }

    /// A user's query without surrounding space and trailing semicolons, to nest it.
    static func trimmed(_ sql: String) -> String {
        var q = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        while q.hasSuffix(";") { q = String(q.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) }
        return q
    }
}
