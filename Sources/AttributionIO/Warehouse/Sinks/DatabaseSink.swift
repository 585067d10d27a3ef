import AttributionCore
import Foundation

/// Result tables in a database (SQLite or PostgreSQL): `<prefix>attribution`, one
/// table per kind of model detail, and `<prefix>runs` (see `ResultTables`).
/// Everything is written in ONE transaction: a run that fails or is killed while
/// writing leaves the tables exactly as they were. `overwrite` first deletes the
/// rows of the same job id (a re-run replaces itself); `append` only adds.
public struct DatabaseSink: ResultSink {
    public enum Target: Sendable {
        case sqlite(path: String)
        case postgres(PostgresURL)
    }

    public enum Mode: String, Sendable, CaseIterable {
        case overwrite, append
    }

    /// Detail tables a job may have written before; `overwrite` clears its rows in all
    /// that exist, so a re-run with fewer models leaves nothing stale behind.
    static var knownDetailTables: [String] { [ResultTables.intervals] + ModelRegistry.detailTables }

    public let target: Target
    public let prefix: String
    public let mode: Mode

    public init(target: Target, prefix: String = "mta_", mode: Mode = .overwrite) throws {
        self.target = target
        self.prefix = prefix
        self.mode = mode
        try SQLTextError.reporting(in: Self.place(target)) { try SQLText.checkPrefix(prefix, setting: "--table-prefix") }
    }

    public static func place(_ target: Target) -> String {
        switch target {
        case .sqlite(let path): path
        case .postgres(let url): url.description
        }
    }

    /// How the tables' names are quoted.
    var dialect: SQLDialect {
        switch target {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    public var description: String { "\(Self.place(target)) tables \(prefix)*" }
    public var stage: String { "write tables" }

    /// Writes the tables; the receipt names each with its row count.
    public func write(_ document: AttributionDocument, input: AttributionInputSnapshot) async throws -> SinkReceipt {
        let written = try await publish(document)
        return SinkReceipt(kind: .tables, items: written.map { "\($0.0) (\($0.1) rows)" }, place: Self.place(target))
    }

    /// Writes the tables and returns (table name, rows) in the order written.
    @discardableResult
    public func publish(_ document: AttributionDocument) async throws -> [(String, Int)] {
        let tables = ResultTables.tables(document, endedAt: Date())
        var plan = ResultTablePlan(prefix: prefix, tables: tables, jobId: document.jobId, mode: mode, dialect: dialect)
        let source = Self.place(target)
        // Names we create: the strict rule (see `SQLText`).
        try SQLTextError.reporting(in: source) {
            for table in tables { _ = try SQLText.createdName(prefix + table.name, setting: "result table", dialect: dialect) }
        }
        plan.clearedTables = Self.knownDetailTables.filter { name in !tables.contains { $0.name == name } }
        switch target {
        case .sqlite(let path): try SQLiteResultWriter(path: path).write(plan)
        case .postgres(let url): try await PostgresResultWriter(url: url).write(plan)
        }
        return tables.map { (prefix + $0.name, $0.rows.count) }
    }
}

/// What one write does, for either database.
struct ResultTablePlan {
    let prefix: String
    let tables: [ResultTable]
    let jobId: String
    let mode: DatabaseSink.Mode
    let dialect: SQLDialect
    /// Known tables not written this time whose rows for the job are deleted (overwrite) if they exist.
    var clearedTables: [String] = []

    /// A result table's full name, quoted (`DatabaseSink` checked every name we write).
    func quoted(_ name: String) -> String { dialect.quote(prefix + name) }

    /// A result table's columns, quoted, with their types as the writer spells them.
    func columnDefinitions(_ table: ResultTable, type: (SQLColumnType) -> String) -> String {
        table.columns.map { "\(dialect.quote($0.name)) \(type($0.type))" }.joined(separator: ", ")
    }

    /// A result table's column names, quoted, in order.
    func columnList(_ table: ResultTable) -> String {
        table.columns.map { dialect.quote($0.name) }.joined(separator: ", ")
    }

    /// Seconds to wait inside the transaction before COMMIT, so a test can kill the
    /// process mid-write and check that nothing changed (`MTA_TEST_PAUSE_BEFORE_COMMIT`).
    static var pauseBeforeCommit: Double {
        ProcessInfo.processInfo.environment["MTA_TEST_PAUSE_BEFORE_COMMIT"].flatMap(Double.init) ?? 0
    }
}
