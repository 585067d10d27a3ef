import AttributionCore
import Foundation

/// Events in a SQLite file: a table, a view, or a query of the user's.
/// With only path-level models, the path table is built inside SQLite by the
/// push-down query (dialect `sqlite`), and only the paths cross over; otherwise
/// the events are read sorted by user (SQLite's sorter spills to disk), ties in
/// the relation's order as a CSV keeps file order, and cut into journeys a page of
/// whole users at a time, so memory holds one page of events.
public struct SQLiteSource: WarehouseSource {
    public let path: String
    public let relation: WarehouseRelation
    public let options: EventInputOptions
    /// Event rows in a page (a page ends at the first user boundary past it).
    public var pageRows = 2_000_000

    public init(path: String, relation: WarehouseRelation, options: EventInputOptions) {
        self.path = path
        self.relation = relation
        self.options = options
    }

    public var description: String {
        switch relation {
        case .table(let name): "\(path) table \(name)"
        case .query: "\(path) (query)"
        }
    }
    var dialect: SQLDialect { .sqlite }
    var place: String { path }

    func connect() async throws -> SQLiteDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, message: "no such SQLite database")
        }
        let db: SQLiteDatabase
        do { db = try SQLiteDatabase(path: path, mode: .readOnly) } catch let e as SQLiteError {
            throw InputError(file: path, message: "cannot open the SQLite database: \(e.message)")
        }
        if case .table(let name) = relation, try !db.relationExists(name) {
            throw InputError(file: path, value: name, message: "no such table or view")
        }
        return db
    }

    /// Nothing to do: the file closes when the last statement and the database go.
    func close(_ db: SQLiteDatabase) async {}

    func forEachRow(_ sql: String, on db: SQLiteDatabase, _ body: (SQLiteStatement) throws -> Void) async throws {
        do {
            let statement = try db.prepare(sql)
            while try statement.step() { try body(statement) }
        } catch let e as SQLiteError {
            throw InputError(file: path, message: "query failed: \(e.message)")
        }
    }

    /// One query over every event, sorted by the user's text (what the reader keys
    /// users by); ROW_NUMBER keeps the relation's own order within a user, which the
    /// journey cut relies on for ties.
    func pagePlan(on db: SQLiteDatabase) async throws -> WarehousePagePlan {
        let c = try WarehouseQuery.eventColumns(options, dialect: dialect, source: path)
        let columns = c.joined(separator: ", ")
        let sql = """
            SELECT \(columns) FROM (SELECT \(columns), ROW_NUMBER() OVER () AS mta_seq FROM \(try fromItem()))
            ORDER BY CAST(\(c[0]) AS TEXT), mta_seq
            """
        return WarehousePagePlan(queries: [sql], rowsPerPage: pageRows)
    }

    /// Columns as `pagePlan` selects them: user, event, time[, value][, flag], all as text.
    func withEventRow<R>(_ s: SQLiteStatement, _ body: (WarehouseEventRow) throws -> R) throws -> R {
        var row = WarehouseEventRow(user: s.bytes(0), event: s.bytes(1), time: s.bytes(2).map { .text($0) })
        var next: Int32 = 3
        if options.valueColumn != nil {
            if !s.isNull(next) { row.value = s.bytes(next).map { .text($0) } }
            next += 1
        }
        if case .column = options.conversion { row.flag = s.bytes(next) }
        return try body(row)
    }
}

extension SQLiteStatement: WarehouseRow {
    func string(at column: Int) -> String? { text(Int32(column)) }
    func double(at column: Int) -> Double? { double(Int32(column)) }
    func int64(at column: Int) -> Int64? { int64(Int32(column)) }
}
