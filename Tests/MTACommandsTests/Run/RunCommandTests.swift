import Foundation
import Testing

/// `mta run` end to end: the job folder, run.json, exit statuses, job ids, locks, windows, spend.
@Suite struct RunCommandTests {
    static let events = AttributeCommandTests.events

    func results(_ cli: CommandRunner, _ job: String) -> String { "data/\(job)/multi_touch_attribution" }

    func runJSON(_ cli: CommandRunner, _ job: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(try cli.read(results(cli, job) + "/run.json").utf8)) as! [String: Any]
    }

    @Test func writesTheWholeJobFolder() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        let out = try cli.run([
            "run", "events.csv", "--conversion-event", "purchase", "--value-column", "revenue",
            "--models", "first-touch,markov", "--job-id", "daily",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        let folder = results(cli, "daily")
        for name in ["multi_touch_attribution.html", "attribution.csv", "attribution.json", "run.json", "markov_removal_effects.csv"] {
            #expect(cli.exists(folder + "/" + name), "\(name) missing")
        }
        let rows = try cli.attributionRows(folder)
        #expect(rows["first-touch/email"]! == (1, 0.5, "100"))
        let run = try runJSON(cli, "daily")
        #expect(run["job_id"] as? String == "daily")
        #expect(run["status"] as? String == "ok")
        #expect((run["input_digest"] as? String)?.hasPrefix("fnv64:") == true)
        let counts = run["counts"] as! [String: Any]
        #expect(counts["conversions"] as? Int == 3)
        #expect((run["timings"] as! [Any]).count >= 4)
        #expect((run["models"] as! [[String: Any]]).map { $0["status"] as? String } == ["ok", "ok"])
        // Only the job folder and the lock folder under data/.
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.path("data")).sorted() == [".locks", "daily"])
    }

    @Test func defaultJobIdsNeverCollide() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        let args = ["run", "events.csv", "--conversion-event", "purchase", "--models", "first-touch", "--quiet"]
        for _ in 0..<3 { #expect(try cli.run(args).status == 0) }
        let jobs = try FileManager.default.contentsOfDirectory(atPath: cli.path("data")).filter { !$0.hasPrefix(".") }.sorted()
        #expect(jobs.count == 3)
        #expect(Set(jobs).count == 3)
        #expect(jobs.allSatisfy { $0.range(of: #"^\d{8}T\d{6}Z(-\d+)?$"#, options: .regularExpression) != nil }, "\(jobs)")
    }

    @Test func reRunOfAJobReplacesItsFolderWhole() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        #expect(try cli.run(["run", "events.csv", "--conversion-event", "purchase", "--models", "markov", "--job-id", "j"]).status == 0)
        #expect(cli.exists(results(cli, "j") + "/markov_transitions.csv"))
        #expect(
            try cli.run(["run", "events.csv", "--conversion-event", "purchase", "--models", "last-touch", "--job-id", "j"]).status == 0)
        #expect(!cli.exists(results(cli, "j") + "/markov_transitions.csv"), "a previous run's file survived")
        #expect(try cli.attributionRows(results(cli, "j")).keys.allSatisfy { $0.hasPrefix("last-touch/") })
    }

    @Test func aFailingModelExitsOneAndTheOthersAreWritten() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("paths.csv", "path,total_conversions,total_null\nemail > search,3,1\n")
        let out = try cli.run(["run", "paths.csv", "--input", "paths", "--models", "first-touch,time-decay", "--job-id", "p"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("time-decay"))
        let run = try runJSON(cli, "p")
        #expect(run["status"] as? String == "partial")
        let models = run["models"] as! [[String: Any]]
        #expect(models.first { $0["model"] as? String == "time-decay" }?["status"] as? String == "failed")
        #expect(try cli.attributionRows(results(cli, "p"))["first-touch/email"]!.0 == 3)
        #expect(try cli.read(results(cli, "p") + "/multi_touch_attribution.html").contains("time-decay"))
    }

    @Test func badInputExitsTwoAndLeavesNoJobFolder() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", "user_id,event,timestamp\nu1,email,yesterday\n")
        let out = try cli.run(["run", "events.csv", "--conversion-event", "purchase", "--job-id", "bad"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("events.csv:2") && out.stderr.contains("yesterday"), "\(out.stderr)")
        #expect(!cli.exists("data/bad"))
    }

    @Test func aHeldLockStopsASecondRun() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        let args = ["run", "events.csv", "--conversion-event", "purchase", "--models", "first-touch", "--job-id", "locked"]
        #expect(try cli.run(args).status == 0)
        let locks = try FileManager.default.contentsOfDirectory(atPath: cli.path("data/.locks"))
        #expect(locks.count == 1)
        let lockPath = cli.path("data/.locks/" + locks[0])
        // Hold the lock from this process, as a running job would.
        let fd = open(lockPath, O_RDWR)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let blocked = try cli.run(args)
        #expect(blocked.status == 2)
        #expect(blocked.stderr.contains("another run of this job is in progress"), "\(blocked.stderr)")
        flock(fd, LOCK_UN)
        close(fd)
        #expect(try cli.run(args).status == 0)
    }

    @Test func aLockLeftByAKilledRunIsTakenOver() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["generate", "--users", "300000", "--out", "big.csv"]).status == 0)
        let args = ["run", "big.csv", "--conversion-event", "purchase", "--models", "all", "--job-id", "k", "--quiet"]
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = args
        process.currentDirectoryURL = cli.folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it once it holds the lock (its pid is in the lock file), before it finishes.
        var held = false
        for _ in 0..<200 where !held {
            usleep(20_000)
            if let locks = try? FileManager.default.contentsOfDirectory(atPath: cli.path("data/.locks")), let name = locks.first,
                let text = try? cli.read("data/.locks/" + name), text.contains("\(process.processIdentifier)")
            {
                held = true
            }
        }
        #expect(held)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(!cli.exists(results(cli, "k") + "/run.json"), "the killed run must not have finished")
        let again = try cli.run(args)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("died holding the lock; taking it over"), "\(again.stderr)")
        #expect(cli.exists(results(cli, "k") + "/run.json"))
    }

    @Test func fromAndToKeepJourneysEndingInsideTheWindow() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        // u1 converts 2024-01-03 (after touches on 01-01 and 01-02), u2 on 01-02, u4 on 01-05; u3 is null, last touch 01-05.
        let out = try cli.run([
            "run", "events.csv", "--conversion-event", "purchase", "--value-column", "revenue",
            "--models", "first-touch", "--from", "2024-01-03", "--to", "2024-01-04", "--job-id", "w",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = try cli.attributionRows(results(cli, "w"))
        #expect(rows["first-touch/email"]! == (1, 1, "100"))
        #expect(rows["first-touch/display"]!.0 == 0)
        let counts = try runJSON(cli, "w")["counts"] as! [String: Any]
        #expect(counts["journeys"] as? Int == 1)
    }

    @Test func spendGivesCostPerConversionAndROASForEveryChannel() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        try cli.write("spend.csv", "channel,spend\nemail,50\nsearch,40\ntv,1000\n")
        let out = try cli.run([
            "run", "events.csv", "--conversion-event", "purchase", "--value-column", "revenue",
            "--models", "first-touch", "--spend", "spend.csv", "--job-id", "s",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = try cli.read(results(cli, "s") + "/spend_roas.csv").split(separator: "\n").map(String.init)
        #expect(lines[0] == "model,channel,spend,conversions,revenue,cost_per_conversion,roas")
        // email: first touch of u1's 100 purchase; spend 50 → cost 50 per conversion, ROAS 2.
        #expect(lines.contains("first-touch,email,50,1,100,50,2"), "\(lines)")
        // tv has spend and no credit; display has credit and no spend: both listed.
        #expect(lines.contains { $0.hasPrefix("first-touch,tv,1000,0,") })
        #expect(lines.contains { $0.hasPrefix("first-touch,display,,1,20,") })
    }
}

@Suite struct RunsCommandTests {
    @Test func listsPastRunsNewestFirstWithTheirStatus() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", AttributeCommandTests.events)
        try cli.write("paths.csv", "path,total_conversions\nemail,2\n")
        #expect(
            try cli.run(["run", "events.csv", "--conversion-event", "purchase", "--models", "first-touch", "--job-id", "a", "--quiet"])
                .status == 0)
        usleep(20_000)
        #expect(
            try cli.run(["run", "paths.csv", "--input", "paths", "--models", "first-touch,time-decay", "--job-id", "b", "--quiet"]).status
                == 1)
        let out = try cli.run(["runs"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(out.stdout)")
        #expect(lines[2].hasPrefix("b") && lines[2].contains("partial") && lines[2].contains("time-decay"))
        #expect(lines[3].hasPrefix("a") && lines[3].contains("ok"))
        let json = try cli.run(["runs", "--json", "--limit", "1"])
        #expect(json.stdout.split(separator: "\n").count == 1 && json.stdout.contains("\"job_id\":\"b\""))
        #expect(try cli.run(["runs", "--data-dir", "nowhere"]).status == 2)
    }

    @Test func listsPastRunsFromTheRunsTable() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", AttributeCommandTests.events)
        let tables = ["--tables-url", "sqlite:results.db", "--table-prefix", "x_"]
        #expect(
            try cli.run(
                ["run", "events.csv", "--conversion-event", "purchase", "--models", "first-touch,linear", "--job-id", "a", "--quiet"]
                    + tables
            ).status == 0)
        usleep(20_000)
        try cli.write("paths.csv", "path,total_conversions\nemail,2\n")
        let failing = try cli.run(
            ["run", "paths.csv", "--input", "paths", "--models", "first-touch,time-decay", "--job-id", "b", "--quiet"] + tables)
        #expect(failing.status == 1, "\(failing.stderr)")
        // The folder listing is gone: only the table can answer.
        try FileManager.default.removeItem(atPath: cli.path("data"))
        let out = try cli.run(["runs"] + tables)
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(out.stdout)")
        #expect(lines[2].hasPrefix("b ") && lines[2].contains("partial") && lines[2].contains("time-decay"), "\(lines[2])")
        #expect(lines[3].hasPrefix("a ") && lines[3].contains(" ok "), "\(lines[3])")
        #expect(lines[3].contains(" 2 "), "two models in run a: \(lines[3])")
        let json = try cli.run(["runs", "--json", "--limit", "1"] + tables)
        #expect(json.stdout.contains("\"job_id\":\"b\"") || json.stdout.contains("\"job_id\": \"b\""), "\(json.stdout)")
        #expect(json.stdout.split(separator: "\n").count == 1)
        // A prefix with no runs table lists nothing; a hostile prefix is refused.
        #expect(
            try cli.run(["runs", "--tables-url", "sqlite:results.db", "--table-prefix", "y_"]).stdout.split(separator: "\n").count == 2)
        #expect(try cli.run(["runs", "--tables-url", "sqlite:results.db", "--table-prefix", "x\"; DROP TABLE x_runs; --"]).status == 2)
    }
}

@Suite struct WindowFlagTests {
    @Test func sqlPrintsTheWindowAndRefusesBadDates() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let base = ["sql", "--dialect", "postgres", "--table", "events", "--conversion-event", "purchase"]
        let out = try cli.run(base + ["--from", "2024-01-08", "--to", "2024-01-14"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(
            out.stdout.contains("mta_end >= TIMESTAMP '2024-01-08 00:00:00.000' AND j.mta_end < TIMESTAMP '2024-01-15 00:00:00.000'"),
            "\(out.stdout)")
        #expect(!(try cli.run(base).stdout.contains("mta_end >=")))
        let bad = try cli.run(base + ["--from", "2024-13-01"])
        #expect(bad.status == 2 && bad.stderr.contains("--from") && bad.stderr.contains("2024-13-01"))
        #expect(try cli.run(base + ["--conversion-window", "30d", "--from", "2024-01-01"]).status != 0)
    }
}
