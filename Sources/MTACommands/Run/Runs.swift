import ArgumentParser
import AttributionCore
import AttributionIO
import Foundation

/// `mta runs`: past runs of `mta run`, newest first, from each job's run.json.
struct Runs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "List past runs (job id, status, start, models failed) from data/<job_id>/…/run.json, or from the runs table with --tables-url."
    )

    @Option(help: "A config file: its output.data_dir and output.tables keys apply.")
    var config: String?

    @Option(help: "Read the runs table in this database instead: postgres://user:pass@host:port/db or sqlite:PATH.")
    var tablesUrl: String?

    @Option(help: "Prefix of the result tables' names.")
    var tablePrefix = "mta_"

    @Option(help: "Folder holding one folder per job.")
    var dataDir = "data"

    @Option(help: "Show at most this many runs.")
    var limit = 20

    @Flag(help: "Print the runs as JSON lines instead of a table.")
    var json = false

    func run() async throws {
        if let tablesUrl {
            try await listFromTable(tablesUrl)
            return
        }
        let base = URL(fileURLWithPath: dataDir)
        guard let jobs = try? FileManager.default.contentsOfDirectory(atPath: base.path) else {
            printError("error: \(dataDir): no such folder (no run has written there yet)")
            throw badInputExitCode
        }
        var runs: [[String: Any]] = []
        for job in jobs where !job.hasPrefix(".") {
            let file = base.appendingPathComponent(job).appendingPathComponent(JobFolder.resultsName).appendingPathComponent(
                RunRecord.fileName)
            guard let data = try? Data(contentsOf: file),
                let record = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { continue }
            runs.append(record)
        }
        runs.sort { ($0["started"] as? String ?? "") > ($1["started"] as? String ?? "") }
        let shown = runs.prefix(max(limit, 0))
        if json {
            for r in shown {
                let line = try JSONSerialization.data(withJSONObject: r, options: [.sortedKeys])
                print(String(decoding: line, as: UTF8.self))
            }
            return
        }
        let rows: [[String]] = shown.map { r in
            let models = r["models"] as? [[String: Any]] ?? []
            let failed = models.filter { $0["status"] as? String == "failed" }.compactMap { $0["model"] as? String }
            let counts = r["counts"] as? [String: Any] ?? [:]
            return [
                r["job_id"] as? String ?? "?", r["status"] as? String ?? "?", r["started"] as? String ?? "?",
                (r["seconds"] as? Double).map { String(format: "%.2f", $0) } ?? "?",
                (counts["conversions"] as? NSNumber).map { Format.count($0.doubleValue) } ?? "?",
                "\(models.count)", failed.isEmpty ? "" : failed.joined(separator: " "),
            ]
        }
        print(Format.table(["job", "status", "started (UTC)", "seconds", "conversions", "models", "failed"], rows))
        if runs.count > shown.count { print("(\(runs.count - shown.count) older runs not shown; --limit)") }
    }

    private func listFromTable(_ url: String) async throws {
        let target: DatabaseSink.Target
        if url.hasPrefix("sqlite:") {
            target = .sqlite(path: String(url.dropFirst("sqlite:".count)))
        } else {
            target = .postgres(try reportingErrors { try PostgresURL(url) })
        }
        let sink = try reportingErrors { try DatabaseSink(target: target, prefix: tablePrefix) }
        let runs = try await reportingErrors { try await sink.pastRuns(limit: max(limit, 0)) }
        if json {
            for r in runs {
                let line = JSONValue.object([
                    ("job_id", .string(r.jobId)), ("status", .string(r.status)), ("started", .string(r.started)),
                    ("ended", .string(r.ended)), ("source", .string(r.source)),
                    ("models", .array(r.models.map { .string($0) })), ("failed", .array(r.failed.map { .string($0) })),
                ])
                print(line.compact)
            }
            return
        }
        let rows = runs.map { [$0.jobId, $0.status, $0.started, $0.ended, "\($0.models.count)", $0.failed.joined(separator: " ")] }
        print(Format.table(["job", "status", "started", "ended", "models", "failed"], rows))
    }
}
