import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// The test-time Python tools (DuckDB, sqlglot) from `.venv-test`, made by
/// `scripts/test-tools.sh`, found through `MTA_TEST_PYTHON`. Without it the tests
/// are skipped on a developer machine and fail under CI, which must run them.
enum PythonTools {
    static let python = ProcessInfo.processInfo.environment["MTA_TEST_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
    static let underCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false
    /// Run when the tools are there, and always under CI (where a missing tool is a failure).
    static let shouldRun = python != nil || underCI
    static let skipReason: Comment =
        "MTA_TEST_PYTHON is not set: run `eval \"$(scripts/test-tools.sh)\"` to run the DuckDB and sqlglot tests"

    static let toolsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("tools")

    /// The python to use, or a recorded failure (only reached under CI without it).
    static func requirePython(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        if let python { return python }
        Issue.record(
            "CI is set but MTA_TEST_PYTHON is not: run scripts/test-tools.sh and export what it prints", sourceLocation: sourceLocation)
        return nil
    }

    /// Runs `script` with `arguments`; returns stdout, or throws with stderr.
    /// Stderr goes to a file, so a chatty child can never block on a full pipe.
    static func run(_ python: String, _ script: String, _ arguments: [String]) throws -> Data {
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("mta-tool-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [toolsDir.appendingPathComponent(script).path] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = try FileHandle(forWritingTo: errURL)
        try p.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            throw ToolFailure(message: "\(script) exited \(p.terminationStatus): \(stderr.prefix(4000))")
        }
        return stdout
    }

    struct ToolFailure: Error, CustomStringConvertible { var message: String; var description: String { message } }
}

@Suite(.enabled(if: PythonTools.shouldRun, PythonTools.skipReason))
struct PushDownPythonToolsTests {
    /// Runs many queries in one DuckDB process over `events` loaded as the table `events`.
    /// `from`: the dialect the queries are written in; sqlglot translates them to DuckDB first.
    static func duckdb(
        _ python: String, _ events: WarehouseEvents, _ queries: [String], from dialect: SQLDialect = .duckdb,
        in dir: URL
    ) throws -> [[PushedPathRow]] {
        let csv = try writeFile(dir, "events.csv", events.csv)
        var files: [String] = []
        for (k, q) in queries.enumerated() { files.append("\(dialect.rawValue)=" + (try writeFile(dir, "q\(k).sql", q))) }
        // In the CSV's column order (a JSON object would lose it).
        let types: [[String]] = zip(WarehouseEvents.columnNames, ["VARCHAR", "VARCHAR", "TIMESTAMP", "INTEGER", "DOUBLE", "BIGINT"])
            .map { [$0, $1] }
        let typesJSON = String(decoding: try JSONSerialization.data(withJSONObject: types), as: UTF8.self)
        let out = try PythonTools.run(python, "run_duckdb.py", [csv, "events", typesJSON] + files)
        guard let results = try JSONSerialization.jsonObject(with: out) as? [[String: Any]] else {
            throw PythonTools.ToolFailure(message: "run_duckdb.py printed no JSON list")
        }
        return try results.map { result in
            guard let columns = result["columns"] as? [String], let rows = result["rows"] as? [[Any]] else {
                throw PythonTools.ToolFailure(message: "run_duckdb.py result without columns/rows")
            }
            func index(_ name: String) throws -> Int {
                guard let i = columns.firstIndex(of: name) else {
                    throw PythonTools.ToolFailure(message: "no column \(name) in \(columns)")
                }
                return i
            }
            let p = try index("path"), c = try index("total_conversions"), v = try index("total_conversion_value"),
                n = try index("total_null")
            return rows.map { r in
                PushedPathRow(
                    path: r[p] as? String ?? "<null>", conversions: (r[c] as? NSNumber)?.doubleValue ?? .nan,
                    value: (r[v] as? NSNumber)?.doubleValue ?? .nan, nulls: (r[n] as? NSNumber)?.doubleValue ?? .nan)
            }
        }
    }

    @Test func duckdbRunsEveryCombinationAndMatchesInProcess() throws {
        guard let python = PythonTools.requirePython() else { return }
        let events = PushDownFixtures.events(users: 1_000, seed: 21)
        let rows = WarehouseEvents(events, conversionEvent: "purchase")
        var columns = rows.columns(conversion: .event("purchase"))
        columns.valueColumn = WarehouseEvents.valueColumn
        let source = EventRelation(relation: .table("main.events"), columns: columns, tiebreakColumn: WarehouseEvents.rowIDColumn)
        let matrix = pushDownOptionMatrix(removeIfNotAll: ["display, banner", "say \"hi\""], removeIfLast: ["direct", "o'rganic"])
        let queries = try matrix.map { try PathPushDown.query(source, journeys: $0, dialect: .duckdb) }
        let results = try withTempDir { try Self.duckdb(python, rows, queries, in: $0) }
        #expect(results.count == matrix.count)
        for (options, result) in zip(matrix, results) {
            let diff = pathTableDifference(expected: inProcessPathTable(events, options), actual: result)
            #expect(diff == nil, "\(describe(options)): \(diff ?? "")")
        }
    }

    @Test func duckdbWithAConversionColumnMatchesInProcess() throws {
        guard let python = PythonTools.requirePython() else { return }
        let events = PushDownFixtures.columnEvents(users: 600, seed: 8)
        let rows = WarehouseEvents(events, conversionEvent: "")
        let source = EventRelation(
            relation: .query("SELECT * FROM events"),
            columns: rows.columns(conversion: .column(WarehouseEvents.conversionColumn)),
            tiebreakColumn: WarehouseEvents.rowIDColumn)
        let matrix = pushDownOptionMatrix(removeIfNotAll: ["checkout"], removeIfLast: ["checkout"]).filter { $0.lookbackDays != nil }
        let queries = try matrix.map { try PathPushDown.query(source, journeys: $0, dialect: .duckdb) }
        let results = try withTempDir { try Self.duckdb(python, rows, queries, in: $0) }
        for (options, result) in zip(matrix, results) {
            let diff = pathTableDifference(expected: inProcessPathTable(events, options), actual: result)
            #expect(diff == nil, "\(describe(options)): \(diff ?? "")")
        }
    }

    /// The text written for each warehouse, translated to DuckDB by sqlglot and run:
    /// checks each dialect's spelling (ordered aggregation, interval arithmetic,
    /// quoting) computes the same table, short of a real warehouse.
    @Test(arguments: [SQLDialect.postgres, .redshift, .snowflake, .bigquery, .trino])
    func eachWarehouseDialectTranslatedToDuckDBMatchesInProcess(_ dialect: SQLDialect) throws {
        guard let python = PythonTools.requirePython() else { return }
        let events = PushDownFixtures.events(users: 400, seed: 31)
        let rows = WarehouseEvents(events, conversionEvent: "purchase")
        var columns = rows.columns(conversion: .event("purchase"))
        columns.valueColumn = WarehouseEvents.valueColumn
        let source = EventRelation(relation: .table("events"), columns: columns, tiebreakColumn: WarehouseEvents.rowIDColumn)
        // Every rule × kind × lookback × top-N with the removal and trim rules on.
        let matrix = pushDownOptionMatrix(removeIfNotAll: ["display, banner"], removeIfLast: ["direct"])
            .filter { $0.transforms.maxPathLength != nil }
        let queries = try matrix.map { try PathPushDown.query(source, journeys: $0, dialect: dialect) }
        let results = try withTempDir { try Self.duckdb(python, rows, queries, from: dialect, in: $0) }
        #expect(results.count == matrix.count)
        for (options, result) in zip(matrix, results) {
            let diff = pathTableDifference(expected: inProcessPathTable(events, options), actual: result)
            #expect(diff == nil, "\(dialect): \(describe(options)): \(diff ?? "")")
        }
    }

    /// Every warehouse dialect's query parses in sqlglot, for every combination.
    @Test func sqlglotParsesEveryDialectsQuery() throws {
        guard let python = PythonTools.requirePython() else { return }
        var columns = EventInputOptions(conversion: .event("it's a purchase"))
        columns.valueColumn = "revenue"
        let sources = [
            EventRelation(relation: .table("analytics.events"), columns: columns, tiebreakColumn: "event_id"),
            EventRelation(
                relation: .query("SELECT * FROM raw.events WHERE event_date >= '2024-01-01'"),
                columns: EventInputOptions(conversion: .column("converted"))),
        ]
        let dialects: [(SQLDialect, String)] = [
            (.postgres, "postgres"), (.redshift, "redshift"), (.snowflake, "snowflake"), (.bigquery, "bigquery"),
            (.trino, "trino"), (.duckdb, "duckdb"), (.sqlite, "sqlite"),
        ]
        let matrix = pushDownOptionMatrix(removeIfNotAll: ["direct"], removeIfLast: ["direct", "o'hara"])
            .filter { $0.transforms.maxPathLength != nil || $0.transforms.kind == .unique }
        try withTempDir { dir in
            var args: [String] = []
            for (dialect, name) in dialects {
                for (s, source) in sources.enumerated() {
                    for (k, options) in matrix.enumerated() {
                        let sql = try PathPushDown.query(source, journeys: options, dialect: dialect)
                        args.append("\(name)=" + (try writeFile(dir, "\(name)-\(s)-\(k).sql", sql)))
                    }
                }
            }
            do {
                _ = try PythonTools.run(python, "parse_sql.py", args)
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
