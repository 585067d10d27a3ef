import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// Result tables in SQLite and PostgreSQL: one transaction per run, overwrite and
/// append by job id, the runs table, hostile names refused.
@Suite struct DatabaseSinkTests {
    /// A small run's document with the given job id (all models, so every detail table appears).
    static func document(jobId: String) async throws -> AttributionDocument {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mta-sink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try WarehouseSourceFixture.csv(WarehouseSourceFixture.events(users: 200), in: dir)
        var options = ModelOptions()
        options.shapleyExactMax = 2  // forces sampled sets, so shapley_rate_errors has rows
        let pipeline = AttributionPipeline(
            source: CSVEventSource(path: csv, options: WarehouseSourceFixture.options), journeys: JourneyOptions(),
            models: try ModelRegistry.models(["all"], options: options))
        return try await pipeline.run(jobId: jobId).0
    }

    /// Runs `count(*) … GROUP BY job_id` for a table through `query`.
    static func counts(_ table: String, _ query: (String) async throws -> [[String?]]) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for row in try await query("SELECT job_id, CAST(count(*) AS TEXT) FROM \(table) GROUP BY job_id") {
            out[row[0] ?? ""] = Int(row[1] ?? "")
        }
        return out
    }

    static func sqliteRows(_ path: String) -> (String) async throws -> [[String?]] {
        { sql in
            let s = try SQLiteDatabase(path: path, mode: .readOnly).prepare(sql)
            var rows: [[String?]] = []
            while try s.step() { rows.append((0..<s.columnCount).map { s.text($0) }) }
            return rows
        }
    }

    func exercise(
        _ target: DatabaseSink.Target, prefix: String, query: @escaping (String) async throws -> [[String?]],
        breakTable: (String) async throws -> Void
    ) async throws {
        let a = try await Self.document(jobId: "job-a")
        let b = try await Self.document(jobId: "job-b")
        let sink = try DatabaseSink(target: target, prefix: prefix)
        let written = try await sink.publish(a)
        let names = written.map(\.0)
        for table in ["attribution", "markov_removal_effects", "markov_transitions", "shapley_ordered", "shapley_rate_errors", "runs"] {
            #expect(names.contains(prefix + table), "\(table) in \(names)")
        }
        let perJob = a.results.reduce(0) { $0 + $1.channels.count }
        #expect(try await Self.counts("\(prefix)attribution", query) == ["job-a": perJob])

        // overwrite: the same job again replaces its rows; another job adds its own.
        try await sink.publish(a)
        try await sink.publish(b)
        #expect(try await Self.counts("\(prefix)attribution", query) == ["job-a": perJob, "job-b": perJob])
        #expect(try await Self.counts("\(prefix)runs", query) == ["job-a": a.outcomes.count, "job-b": b.outcomes.count])
        // append: the same job twice has its rows twice.
        try await DatabaseSink(target: target, prefix: prefix, mode: .append).publish(b)
        #expect(try await Self.counts("\(prefix)attribution", query) == ["job-a": perJob, "job-b": 2 * perJob])

        let runs = try await query(
            "SELECT model, status, settings_sha256, CAST(rows_read AS TEXT), source FROM \(prefix)runs WHERE job_id = 'job-a' ORDER BY model"
        )
        #expect(
            runs.count == a.outcomes.count
                && runs.allSatisfy { $0[1] == "ok" && $0[2] == ResultTables.settingsDigest(a) && $0[3] == String(a.read.rows) })
        #expect(ResultTables.settingsDigest(a).count == 64)
        let share = try await query("SELECT CAST(sum(share) AS TEXT) FROM \(prefix)attribution WHERE job_id = 'job-a' AND model = 'linear'")
        #expect(abs((Double(share[0][0] ?? "") ?? 0) - 1) < 1e-9)

        // A write that fails half way (a table that cannot take the rows) leaves everything as it was.
        let before = try await Self.counts("\(prefix)attribution", query)
        try await breakTable("\(prefix)shapley_ordered")
        let failing = try DatabaseSink(target: target, prefix: prefix)
        do {
            try await failing.publish(try await Self.document(jobId: "job-c"))
            Issue.record("the write should have failed")
        } catch let e as InputError {
            #expect(e.message.contains("nothing written"), "\(e)")
        }
        #expect(try await Self.counts("\(prefix)attribution", query) == before)
    }

    @Test func sqliteTablesOverwriteAppendRunsAndFailureLeaveEarlierResults() async throws {
        try await withTempDirAsync { dir in
            let path = dir.appendingPathComponent("r.db").path
            try await exercise(.sqlite(path: path), prefix: "mta_", query: Self.sqliteRows(path)) { table in
                let db = try SQLiteDatabase(path: path, mode: .readWrite)
                try db.execute(
                    "DROP TABLE \(table); CREATE TABLE \(table) (job_id TEXT, run_at TEXT, model TEXT, channel TEXT NOT NULL CHECK (channel = 'never'))"
                )
            }
        }
    }

    @Test(.enabled(if: TestPostgres.available, "needs MTA_TEST_POSTGRES_URL (scripts/test.sh)"))
    func postgresTablesOverwriteAppendRunsAndFailureLeaveEarlierResults() async throws {
        let prefix = TestPostgres.uniqueName("t") + "_"
        try await exercise(.postgres(try TestPostgres.url()), prefix: prefix, query: { try await TestPostgres.rows($0) }) { table in
            try await TestPostgres.execute("DROP TABLE \(table)")
            try await TestPostgres.execute(
                "CREATE TABLE \(table) (job_id TEXT, run_at TIMESTAMPTZ, model TEXT, channel TEXT CHECK (channel = 'never'))")
        }
    }

    @Test func hostilePrefixesAreRefused() throws {
        for prefix in ["x\"; DROP TABLE x; --", "a b", "a;", "it's_", "0x_", "a-b", String(repeating: "p", count: 70)] {
            let e = inputError { _ = try DatabaseSink(target: .sqlite(path: "r.db"), prefix: prefix) }
            #expect(e?.value == prefix, "\(prefix)")
        }
        #expect((try? DatabaseSink(target: .sqlite(path: "r.db"), prefix: "")) != nil)
        #expect((try? DatabaseSink(target: .sqlite(path: "r.db"), prefix: "Ünïcode_")) != nil)
    }

    /// Tables are named by the detail table's kind: Markov at two orders writes
    /// `markov-1_transitions.csv` and `markov-2_transitions.csv`, both into
    /// `markov_transitions` with the model as a column (the file name once gave `transitions`).
    @Test func detailTablesAreNamedByKindWhateverTheModelSetting() throws {
        let events = WarehouseSourceFixture.events(users: 200)
        let input = AttributionInput(
            paths: PathTable(journeys: JourneyBuilder.build(events, options: JourneyOptions())), journeys: nil,
            hasValue: true)
        var options = ModelOptions()
        options.markovOrder = .fixed([1, 2])
        let outcomes = AttributionRun.run(try ModelRegistry.models(["markov", "shapley-ordered"], options: options), on: input)
        let doc = AttributionDocument(
            input: "x", format: "events", summary: JourneySummary(paths: input.paths, journeys: nil, hasValue: true),
            read: ReadReport(), outcomes: outcomes, settings: [])
        let tables = ResultTables.tables(doc, endedAt: Date())
        #expect(tables.map(\.name) == ["attribution", "markov_removal_effects", "markov_transitions", "shapley_ordered", "runs"])
        let transitions = try #require(tables.first { $0.name == "markov_transitions" })
        #expect(
            Set(transitions.rows.map { row -> String in if case .text(let model) = row[2] { model } else { "" } }) == [
                "markov-1", "markov-2",
            ])
        #expect(Set(tables.map(\.name)).isSubset(of: Set(["attribution", "runs"] + DatabaseSink.knownDetailTables)))
    }
}
