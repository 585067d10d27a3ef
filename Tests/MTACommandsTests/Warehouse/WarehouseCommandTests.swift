import AttributionIO
import Foundation
import Testing

/// The test PostgreSQL of `scripts/test.sh`, for command tests (queries cast their cells to text).
enum CommandPostgres {
    static var urlText: String? { ProcessInfo.processInfo.environment["MTA_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } }
    static var available: Bool { urlText != nil }

    static func rows(_ sql: String) async throws -> [[String?]] {
        let session = try await PostgresSession.connect(try PostgresURL(urlText ?? ""))
        var out: [[String?]] = []
        do {
            try await session.forEachRow(sql) { row in out.append(try row.map { try $0.decode(String?.self) }) }
        } catch { await session.close(); throw error }
        await session.close()
        return out
    }

    static func execute(_ sql: String) async throws {
        let session = try await PostgresSession.connect(try PostgresURL(urlText ?? ""))
        try await session.execute(sql)
        await session.close()
    }
}

/// `mta import` and `mta attribute --sqlite/--postgres … --write-tables` end to end,
/// with the real binary: same credits as the CSV, one-line errors with exit 2,
/// and result tables that survive a SIGKILL in the middle of their write.
@Suite struct WarehouseCommandTests {
    static let flags = ["--conversion-event", "purchase", "--value-column", "revenue"]

    func sample(_ cli: CommandRunner) throws {
        let out = try cli.run(["generate", "--users", "400", "--out", "s.csv"])
        #expect(out.status == 0, "\(out.stderr)")
    }

    @Test func importThenAttributeFromSQLiteMatchesTheCSV() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try sample(cli)
        let imported = try cli.run(["import", "s.csv", "--sqlite", "w.db", "--table", "events"] + Self.flags)
        #expect(imported.status == 0 && imported.stdout.contains("imported") && imported.stdout.contains("rows/s"), "\(imported.stderr)")
        let again = try cli.run(["import", "s.csv", "--sqlite", "w.db", "--table", "events"] + Self.flags)
        #expect(again.status == 2 && again.stderr.contains("already exists"), "\(again.stderr)")

        #expect(try cli.run(["attribute", "s.csv", "--out", "csv"] + Self.flags).status == 0)
        let events = try cli.run(
            ["attribute", "--sqlite", "w.db", "--table", "events", "--out", "db", "--write-tables", "--job-id", "j1"] + Self.flags)
        #expect(events.status == 0, "\(events.stderr)")
        #expect(events.stdout.contains("mta_attribution") && events.stdout.contains("job j1"), "\(events.stdout)")
        let pushed = try cli.run(
            ["attribute", "--sqlite", "w.db", "--table", "events", "--out", "pd", "--models", "first-touch,linear,markov,shapley"]
                + Self.flags)
        #expect(pushed.status == 0, "\(pushed.stderr)")
        let csv = try cli.attributionRows("csv"), db = try cli.attributionRows("db"), pd = try cli.attributionRows("pd")
        #expect(csv.count == db.count && pd.count > 0)
        for (key, value) in db { #expect(abs(value.0 - csv[key]!.0) < 1e-9, "\(key)") }
        for (key, value) in pd { #expect(abs(value.0 - csv[key]!.0) < 1e-9 * max(1, value.0), "\(key)") }
    }

    @Test func badSourcesExitTwoWithOneLine() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try sample(cli)
        #expect(try cli.run(["import", "s.csv", "--sqlite", "w.db"] + Self.flags).status == 0)
        var cases: [([String], String)] = [
            (["--sqlite", "missing.db", "--table", "events"], "missing.db"),
            (["--sqlite", "w.db", "--table", "nope"], "nope"),
            (["--sqlite", "w.db", "--table", "events", "--user-column", "customer"], "customer"),
            (["--sqlite", "w.db", "--table", "events", "--write-tables", "--table-prefix", "x\"; DROP TABLE events; --"], "table-prefix"),
            (["--postgres", "postgres://me:s3cret@/db", "--table", "events"], "bad PostgreSQL URL"),
            (["--postgres", "postgres://me:s3cret@127.0.0.1:1/db", "--table", "events"], "connection refused"),
        ]
        if let url = CommandPostgres.urlText {
            let wrong = url.replacingOccurrences(of: #"(://[^:]+:)[^@]+@"#, with: "$1s3cret@", options: .regularExpression)
            cases.append((["--postgres", wrong, "--table", "events"], "password authentication failed"))
            cases.append((["--postgres", url, "--table", "no_such_table"], "no_such_table"))
        }
        for (args, expected) in cases {
            let out = try cli.run(["attribute"] + args + ["--out", "r"] + Self.flags)
            #expect(out.status == 2, "\(args): \(out.status) \(out.stderr)")
            let lines = out.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("error: ") && out.stderr.contains(expected), "\(args): \(out.stderr)")
            #expect(!out.stderr.contains("s3cret") && !cli.exists("r"), "\(args)")
        }
        // The hostile prefix wrote nothing: the events table is still there.
        #expect(
            try cli.run(["attribute", "--sqlite", "w.db", "--table", "events", "--out", "ok", "--models", "last-touch"] + Self.flags).status
                == 0)
    }

    /// Starts `mta` paused inside its result transaction, waits until `inTransaction`
    /// says it is there, kills it with SIGKILL, and returns.
    func killMidWrite(_ cli: CommandRunner, _ args: [String], inTransaction: () async throws -> Bool) async throws {
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = args
        process.currentDirectoryURL = cli.folder
        var env = ProcessInfo.processInfo.environment
        // Long, because the full suite keeps both cooperative threads busy and this
        // task's polling may resume late; the run is killed as soon as it is seen paused.
        env["MTA_TEST_PAUSE_BEFORE_COMMIT"] = "900"
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(900)
        var reached = false
        while Date() < deadline, process.isRunning {
            if try await inTransaction() { reached = true; break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        #expect(reached, "the run never reached its result transaction")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
    }

    @Test func sqliteResultTablesSurviveAKilledWrite() async throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try sample(cli)
        #expect(try cli.run(["import", "s.csv", "--sqlite", "w.db"] + Self.flags).status == 0)
        let base = ["attribute", "--sqlite", "w.db", "--table", "events", "--write-tables", "--job-id", "j1", "--out", "r"] + Self.flags
        #expect(try cli.run(base).status == 0)
        func snapshot() throws -> [String] {
            let db = try SQLiteDatabase(path: cli.path("w.db"), mode: .readOnly)
            return try ["mta_attribution", "mta_runs", "mta_markov_transitions"].map { table in
                let s = try db.prepare(
                    "SELECT count(*), total(conversions_or_zero) FROM (SELECT 0 AS conversions_or_zero, * FROM \(table))")
                _ = try s.step()
                let t = try db.prepare("SELECT group_concat(run_at) FROM (SELECT DISTINCT run_at FROM \(table))")
                _ = try t.step()
                return "\(table): \(s.int64(0)) rows, run_at \(t.text(0) ?? "")"
            }
        }
        let before = try snapshot()
        // Same job id in overwrite mode: the killed run had already deleted j1's rows inside its transaction.
        try await killMidWrite(cli, base + ["--models", "last-touch"]) { cli.exists("w.db-journal") }
        #expect(try snapshot() == before)
        #expect(try cli.run(base).status == 0)
    }

    @Test(.enabled(if: CommandPostgres.available, "needs MTA_TEST_POSTGRES_URL (scripts/test.sh)"))
    func postgresResultTablesSurviveAKilledWrite() async throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try sample(cli)
        let url = CommandPostgres.urlText!
        let prefix = "kill_\(UUID().uuidString.prefix(8).lowercased())_"
        let base = ["attribute", "s.csv", "--tables-url", url, "--table-prefix", prefix, "--job-id", "j1", "--out", "r"] + Self.flags
        let first = try cli.run(base)
        #expect(first.status == 0, "\(first.stderr)")
        func snapshot() async throws -> [[String?]] {
            try await CommandPostgres.rows(
                """
                SELECT 'a', count(*)::text, sum(conversions)::text, max(run_at)::text FROM \(prefix)attribution
                UNION ALL SELECT 'r', count(*)::text, string_agg(model, ',' ORDER BY model), max(run_at)::text FROM \(prefix)runs
                """)
        }
        let before = try await snapshot()
        #expect(before[0][1] != "0")
        try await killMidWrite(cli, base + ["--models", "last-touch"]) {
            let rows = try await CommandPostgres.rows(
                "SELECT count(*)::text FROM pg_stat_activity WHERE state = 'idle in transaction' AND datname = current_database()")
            return rows.first?.first.flatMap { $0.flatMap(Int.init) } ?? 0 > 0
        }
        // The server notices the dropped connection and rolls back; give it a moment to release the locks.
        var after: [[String?]] = []
        for _ in 0..<50 {
            after = try await snapshot()
            if after == before { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        #expect(after == before)
        let again = try cli.run(base + ["--models", "last-touch"])
        #expect(again.status == 0, "\(again.stderr)")
        let rows = try await CommandPostgres.rows("SELECT string_agg(DISTINCT model, ',') FROM \(prefix)attribution WHERE job_id = 'j1'")
        #expect(rows[0][0] == "last-touch")
    }
}
