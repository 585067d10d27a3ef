import Foundation

/// One past run, as `mta runs` lists it.
public struct PastRun: Sendable, Equatable {
    public var jobId: String
    public var started: String
    public var ended: String
    public var source: String
    public var models: [String]
    public var failed: [String]
    public var status: String { failed.isEmpty ? "ok" : "partial" }
}

extension DatabaseSink {
    /// The runs recorded in `<prefix>runs`, newest first (one row per model there,
    /// one `PastRun` per job and start time here).
    public func pastRuns(limit: Int) async throws -> [PastRun] {
        let table = try SQLTextError.reporting(in: Self.place(target)) {
            try SQLText.createdName(prefix + ResultTables.runs, setting: "runs table", dialect: dialect)
        }
        let sql = """
            SELECT job_id, CAST(run_at AS TEXT), CAST(ended_at AS TEXT), source, model, status
            FROM \(table) ORDER BY run_at DESC, job_id, model
            """
        var rows: [[String]] = []
        switch target {
        case .sqlite(let path):
            let db = try SQLiteDatabase(path: path, mode: .readOnly)
            guard try db.relationExists(prefix + ResultTables.runs) else { return [] }
            let statement = try db.prepare(sql)
            while try statement.step() { rows.append((0..<6).map { statement.text(Int32($0)) ?? "" }) }
        case .postgres(let url):
            let session = try await PostgresSession.connect(url)
            do {
                try await session.forEachRow(sql) { row in
                    let r = try row.decode((String?, String?, String?, String?, String?, String?).self)
                    rows.append([r.0, r.1, r.2, r.3, r.4, r.5].map { $0 ?? "" })
                }
            } catch {
                await session.close()
                throw error
            }
            await session.close()
        }
        var runs: [PastRun] = []
        for r in rows {
            if let last = runs.last, last.jobId == r[0] && last.started == r[1] {
                runs[runs.count - 1].models.append(r[4])
                if r[5] != "ok" { runs[runs.count - 1].failed.append(r[4]) }
            } else {
                guard runs.count < limit else { break }
                runs.append(
                    PastRun(jobId: r[0], started: r[1], ended: r[2], source: r[3], models: [r[4]], failed: r[5] == "ok" ? [] : [r[4]]))
            }
        }
        return runs
    }
}
