import Foundation
import Testing

/// `--intervals` end to end: attribution_intervals.csv, attribution.json, the printed
/// `±`, the neural models left out with a note, `mta run` and its report, the config keys.
@Suite struct IntervalCommandTests {
    static let attribute = ["attribute", "sample.csv", "--conversion-event", "purchase", "--value-column", "revenue"]

    /// (model/channel) → [conversions_low, conversions_high, share_low, share_high].
    static func intervalRows(_ cli: CommandRunner, _ folder: String) throws -> [String: [Double]] {
        let lines = try cli.read(folder + "/attribution_intervals.csv").split(separator: "\n")
        #expect(lines.first == "model,channel,conversions_low,conversions_high,share_low,share_high")
        var rows: [String: [Double]] = [:]
        for line in lines.dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            rows[f[0] + "/" + f[1]] = f[2...].map { Double($0)! }
        }
        return rows
    }

    @Test func writesIntervalsForEveryModelDeterministicallyForASeed() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["generate", "--users", "3000", "--seed", "4", "--out", "sample.csv"]).status == 0)
        let first = try cli.run(Self.attribute + ["--intervals", "--bootstrap", "60", "--seed", "7", "--out", "a"])
        #expect(first.status == 0, "\(first.stderr)")
        let intervals = try Self.intervalRows(cli, "a")
        let credits = try cli.attributionRows("a")
        // Every model of `all` on 12 channels, each row around its credit.
        #expect(intervals.count == 9 * 12 && Set(intervals.keys) == Set(credits.keys))
        for (key, b) in intervals {
            #expect(b[0] <= b[1] && b[2] <= b[3] && b[2] >= 0 && b[3] <= 1, "\(key): \(b)")
        }
        let outside = credits.filter { key, c in
            let b = intervals[key]!
            return !(b[0] <= c.0 && c.0 <= b[1] && b[2] <= c.1 && c.1 <= b[3])
        }
        #expect(outside.count <= 3, "credits outside their interval: \(outside.keys.sorted())")

        let json = try JSONSerialization.jsonObject(with: Data(try cli.read("a/attribution.json").utf8)) as! [String: Any]
        let summary = json["intervals"] as! [String: Any]
        #expect(summary["replicates"] as? Int == 60 && summary["seed"] as? Int == 7)
        #expect((json["settings"] as! [String: Any])["intervals"] != nil)
        for model in json["models"] as! [[String: Any]] {
            #expect(model["interval_replicates"] as? Int == 60)
            for channel in model["channels"] as! [[String: Any]] {
                let interval = channel["interval"] as! [String: Double]
                let key = "\(model["model"]!)/\(channel["channel"]!)"
                // The CSV is rounded (10 significant digits, or the integer within 1e-9 of it);
                // Foundation's JSON reader may round the last bit differently from Double(String).
                for (name, k) in [("conversions_low", 0), ("conversions_high", 1), ("share_low", 2), ("share_high", 3)] {
                    let csv = intervals[key]![k]
                    #expect(abs(interval[name]! - csv) <= 1e-9 * abs(csv) + 1e-12 * max(1, abs(csv)), "\(key) \(name)")
                }
            }
        }
        #expect(first.stdout.contains(" ±"), "\(first.stdout)")
        #expect(first.stdout.contains("± half the width of the 95.0% interval: 60 bootstrap replicates"), "\(first.stdout)")
        #expect(first.stdout.contains("attribution_intervals.csv"))

        // Same seed, same intervals; another seed, others.
        #expect(try cli.run(Self.attribute + ["--bootstrap", "60", "--seed", "7", "--out", "b"]).status == 0)
        #expect(try cli.read("a/attribution_intervals.csv") == cli.read("b/attribution_intervals.csv"))
        #expect(try cli.run(Self.attribute + ["--intervals", "--bootstrap", "60", "--seed", "8", "--out", "c"]).status == 0)
        #expect(try cli.read("a/attribution_intervals.csv") != cli.read("c/attribution_intervals.csv"))
        // Without the flag, no interval anywhere.
        let plain = try cli.run(Self.attribute + ["--models", "linear", "--out", "d"])
        #expect(plain.status == 0 && !cli.exists("d/attribution_intervals.csv") && !plain.stdout.contains("±"))
    }

    @Test(arguments: [["--bootstrap", "5"], ["--bootstrap", "many"], ["--bootstrap", "-1"]])
    func badReplicateCountsNameTheFlagAndWriteNothing(_ flags: [String]) throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["generate", "--users", "200", "--out", "sample.csv"]).status == 0)
        let out = try cli.run(Self.attribute + ["--intervals", "--out", "r"] + flags)
        #expect(out.status != 0)
        #expect(out.stderr.contains("--bootstrap"), "\(out.stderr)")
        #expect(!cli.exists("r"))
    }

    @Test func neuralModelsAreLeftOutWithANote() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["generate", "--users", "1500", "--channels", "4", "--seed", "2", "--out", "sample.csv"]).status == 0)
        let out = try cli.run(
            Self.attribute + [
                "--models", "neural,neural-removal,last-touch", "--intervals", "--bootstrap", "40",
                "--neural-lookback-days", "3", "--neural-width", "4", "--neural-layers", "1", "--neural-epochs", "1",
                "--neural-steps-per-epoch", "5", "--neural-exact-limit", "6", "--neural-samples", "20", "--out", "r",
            ])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("no interval for neural, neural-removal: a trained model is too slow to refit"), "\(out.stdout)")
        #expect(Set(try Self.intervalRows(cli, "r").keys.map { String($0.split(separator: "/")[0]) }) == ["last-touch"])
        let json = try JSONSerialization.jsonObject(with: Data(try cli.read("r/attribution.json").utf8)) as! [String: Any]
        let summary = json["intervals"] as! [String: Any]
        #expect(summary["excluded_models"] as? [String] == ["neural"])
        #expect(summary["without_interval"] as? [String] == ["neural", "neural-removal"])
    }

    /// `mta run` takes the same flags (here from the config file): the job folder gets the
    /// file, the report error bars on the comparison chart.
    @Test func runFromAConfigWritesTheFileAndTheReportsErrorBars() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["generate", "--users", "2000", "--seed", "3", "--out", "sample.csv"]).status == 0)
        try cli.write(
            "mta.yaml",
            """
            source:
              path: sample.csv
            columns:
              value: revenue
            conversion:
              event: purchase
            models:
              list: [first-touch, markov]
              intervals: true
              bootstrap: 30

            """)
        let out = try cli.run(["run", "--config", "mta.yaml", "--job-id", "ci"])
        #expect(out.status == 0, "\(out.stderr)")
        let folder = "data/ci/multi_touch_attribution"
        #expect(try Self.intervalRows(cli, folder).count == 2 * 12)
        let html = try cli.read(folder + "/multi_touch_attribution.html")
        #expect(html.components(separatedBy: "class=\"error-bar\"").count - 1 == 2 * 12)
        #expect(html.contains("bars: 95.0 % intervals from 30 bootstrap replicates"))
        let run = try JSONSerialization.jsonObject(with: Data(try cli.read(folder + "/run.json").utf8)) as! [String: Any]
        let stages = (run["timings"] as! [[String: Any]]).compactMap { $0["stage"] as? String }
        #expect(stages.contains("intervals (30 replicates)"), "\(stages)")
    }
}
