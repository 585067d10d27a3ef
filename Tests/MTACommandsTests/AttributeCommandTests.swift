import Foundation
import Testing

/// The `mta` command end to end on small files whose answers are worked out by hand.
@Suite struct AttributeCommandTests {
    // u1: email → search → purchase 100 (then a display touch after it, ignored).
    // u2: display → purchase 20. u3: search only (null). u4: a purchase with no touch.
    static let events = """
        user_id,event,timestamp,revenue,ignored
        u1,email,2024-01-01T10:00:00Z,,x
        u1,search,2024-01-02 10:00:00,,x
        u1,purchase,2024-01-03,100,x
        u1,display,2024-01-04T00:00:00+02:00,,x
        u2,display,1704103200,,x
        u2,purchase,1704189600000,20,x
        u3,search,2024-01-05,,x
        u4,purchase,2024-01-05,5,x

        """

    @Test func attributesAndWritesCSVAndJSON() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        let out = try cli.run([
            "attribute", "events.csv", "--conversion-event", "purchase", "--value-column", "revenue",
            "--models", "first-touch,last-touch,linear", "--out", "results/",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = try cli.attributionRows()
        #expect(rows["first-touch/email"]! == (1, 0.5, "100"))
        #expect(rows["first-touch/display"]! == (1, 0.5, "20"))
        #expect(rows["first-touch/search"]! == (0, 0, "0"))
        #expect(rows["last-touch/search"]! == (1, 0.5, "100"))
        #expect(rows["linear/email"]! == (0.5, 0.25, "50"))
        #expect(rows.count == 9)
        let header = try cli.read("results/attribution.csv").split(separator: "\n")[0]
        #expect(header == "model,channel,conversions,share,revenue")

        let json = try JSONSerialization.jsonObject(with: Data(try cli.read("results/attribution.json").utf8)) as! [String: Any]
        let summary = json["summary"] as! [String: Any]
        #expect(summary["users"] as? Int == 4)
        #expect(summary["journeys"] as? Int == 4)
        #expect(summary["converting_journeys"] as? Int == 3)
        #expect(summary["conversions_without_touch"] as? Int == 1)
        #expect(summary["distinct_paths"] as? Int == 3)
        #expect(summary["channels"] as? Int == 3)
        #expect((json["models"] as! [Any]).count == 3)
        #expect(out.stdout.contains("first-touch") && out.stdout.contains("email"))
        #expect(out.stdout.contains("wrote results/attribution.csv, results/attribution.json"), "\(out.stdout)")
    }

    @Test func withoutAValueColumnRevenueIsEmpty() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        let out = try cli.run(["attribute", "events.csv", "--conversion-event", "purchase", "--models", "last-touch", "--out", "r"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(try cli.attributionRows("r")["last-touch/search"]! == (1, 0.5, ""))
    }

    @Test func badTimestampNamesFileLineColumnAndValueAndWritesNothing() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("bad.csv", "user_id,event,timestamp\nu1,email,2024-01-01\n\"u2\",\"multi\nline\",yesterday\n")
        let out = try cli.run(["attribute", "bad.csv", "--conversion-event", "purchase", "--out", "results"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("bad.csv:3"), "\(out.stderr)")
        #expect(out.stderr.contains("timestamp") && out.stderr.contains("yesterday"))
        #expect(!cli.exists("results"))
    }

    @Test func conversionEventThatNeverOccursIsAnError() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        let out = try cli.run(["attribute", "events.csv", "--conversion-event", "signup", "--out", "results"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("events.csv") && out.stderr.contains("signup") && out.stderr.contains("never occurs"))
        #expect(!cli.exists("results"))
    }

    @Test func skipBadRowsCountsAndListsThem() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events + "u5,email,not-a-time,,x\nu6,purchase,2024-01-01,abc,x\n")
        let out = try cli.run([
            "attribute", "events.csv", "--conversion-event", "purchase", "--value-column", "revenue",
            "--skip-bad-rows", "--models", "first-touch", "--out", "results",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stderr.contains("skipped 2 bad rows"))
        #expect(out.stderr.contains("events.csv:10") && out.stderr.contains("events.csv:11"))
        #expect(try cli.attributionRows()["first-touch/email"]!.0 == 1)
    }

    @Test func pathLevelInputRunsPathModelsAndReportsTheOneThatCannot() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("paths.csv", "path,total_conversions,total_conversion_value,total_null\nemail > search,3,30,1\nsearch,1,10,4\n")
        let out = try cli.run(["attribute", "paths.csv", "--input", "paths", "--models", "first-touch,time-decay", "--out", "results"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("time-decay"))
        let rows = try cli.attributionRows()
        #expect(rows["first-touch/email"]! == (3, 0.75, "30"))
        #expect(rows["first-touch/search"]! == (1, 0.25, "10"))
        #expect(rows["time-decay/email"] == nil)
        #expect(try cli.read("results/attribution.json").contains("\"failed\""))
    }

    @Test func missingConversionOptionIsAUsageError() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        let out = try cli.run(["attribute", "events.csv"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("--conversion-event"))
    }

    @Test func generateThenAttributeEndToEnd() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let gen = try cli.run(["generate", "--users", "2000", "--out", "sample.csv"])
        #expect(gen.status == 0, "\(gen.stderr)")
        let out = try cli.run([
            "attribute", "sample.csv", "--conversion-event", "purchase", "--value-column", "revenue",
            "--models", "first-touch,last-touch,linear,position-based,time-decay", "--out", "results",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = try cli.attributionRows()
        for model in ["first-touch", "last-touch", "linear", "position-based", "time-decay"] {
            let modelRows = rows.filter { $0.key.hasPrefix(model + "/") }.map(\.value)
            #expect(modelRows.count == 12)
            #expect(abs(modelRows.map(\.1).reduce(0, +) - 1) < 1e-9)
        }
        let json = try JSONSerialization.jsonObject(with: Data(try cli.read("results/attribution.json").utf8)) as! [String: Any]
        let converting = (json["summary"] as! [String: Any])["converting_journeys"] as! Double
        let firstTouchTotal = rows.filter { $0.key.hasPrefix("first-touch/") }.map(\.value.0).reduce(0, +)
        #expect(firstTouchTotal == converting)
        // A few percent of users convert.
        #expect(converting > 20 && converting < 200)
    }

    /// search is u1's 2nd touch; `--max-position 1` folds it into position 1.
    @Test func maxPositionFoldsLaterTouchesIntoTheLastPosition() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        // Every channel gets a row at every position up to the longest (folded) path.
        for (arguments, folder, searchRow, lines) in [
            ([], "a", "search,2,0.5,0.25", 7), (["--max-position", "1"], "b", "search,1,0.5,0.25", 4),
        ] {
            let out = try cli.run(
                [
                    "attribute", "events.csv", "--conversion-event", "purchase", "--models", "shapley-ordered",
                    "--out", folder,
                ] + arguments)
            #expect(out.status == 0, "\(out.stderr)")
            let rows = try cli.read("\(folder)/shapley_ordered.csv").split(separator: "\n").map(String.init)
            #expect(rows.contains(searchRow), "\(rows)")
            #expect(rows.contains("email,1,0.5,0.25") && rows.contains("display,1,1,0.5"), "\(rows)")
            #expect(rows.count == lines)
        }
    }
}

@Suite struct WritePathsTests {
    @Test func writtenPathTableReadsBackToTheSameCredits() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", AttributeCommandTests.events)
        let first = try cli.run([
            "attribute", "events.csv", "--conversion-event", "purchase", "--value-column", "revenue",
            "--models", "first-touch,linear", "--write-paths", "--out", "a",
        ])
        #expect(first.status == 0, "\(first.stderr)")
        let paths = try cli.read("a/paths.csv")
        #expect(paths.hasPrefix("path,total_conversions,total_conversion_value,total_null\n"))
        #expect(paths.contains("email>search,1,100,0\n") && paths.contains("search,0,0,1\n"))
        let second = try cli.run(["attribute", "a/paths.csv", "--input", "paths", "--models", "first-touch,linear", "--out", "b"])
        #expect(second.status == 0, "\(second.stderr)")
        let a = try cli.attributionRows("a"), b = try cli.attributionRows("b")
        #expect(a.count == b.count)
        for (key, row) in a { #expect(b[key]!.0 == row.0 && b[key]!.2 == row.2) }
    }
}

@Suite struct EventAndPathInputAgreeTests {
    /// Markov and Shapley work on the path table, so event-level input and the same
    /// data as a path-level file must give the same credit.
    @Test func markovAndShapleyGiveTheSameCreditFromEventsAndFromTheirPathFile() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["generate", "--users", "3000", "--channels", "14", "--out", "e.csv"]).status == 0)
        let models = "markov,shapley,shapley-ordered,shapley-rate"
        let events = try cli.run([
            "attribute", "e.csv", "--conversion-event", "purchase", "--value-column", "revenue",
            "--models", models, "--markov-order", "2", "--write-paths", "--out", "a",
        ])
        #expect(events.status == 0, "\(events.stderr)")
        let paths = try cli.run([
            "attribute", "a/paths.csv", "--input", "paths", "--models", models,
            "--markov-order", "2", "--out", "b",
        ])
        #expect(paths.status == 0, "\(paths.stderr)")
        let a = try cli.attributionRows("a"), b = try cli.attributionRows("b")
        #expect(a.count == 4 * 14 && b.count == a.count)
        for (key, row) in a {
            let other = try #require(b[key])
            #expect(abs(other.0 - row.0) <= 1e-9 * max(1, abs(row.0)), "\(key)")
            #expect(abs(Double(other.2)! - Double(row.2)!) <= 1e-9 * max(1, abs(Double(row.2)!)), "\(key)")
        }
    }
}

@Suite struct PathInputTransformTests {
    @Test func pathFilesGetThePathTransformsToo() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        // a>b>a: linear gives a 2/3 and b 1/3 as is; with `first` the path is a>b, split evenly.
        try cli.write("paths.csv", "path,total_conversions\na>b>a,3\n")
        #expect(try cli.run(["attribute", "paths.csv", "--input", "paths", "--models", "linear", "--out", "asis"]).status == 0)
        #expect(try cli.attributionRows("asis")["linear/a"]!.0 == 2)
        let out = try cli.run([
            "attribute", "paths.csv", "--input", "paths", "--models", "linear", "--path-transform", "first", "--out", "first",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(try cli.attributionRows("first")["linear/a"]!.0 == 1.5)
        #expect(try cli.read("first/attribution.json").contains("\"path_transform\": \"first\""))
    }
}

@Suite struct StandardInputTests {
    @Test func aPathTableReadFromStandardInputGivesTheSameCreditsAsTheFile() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let paths = "path,total_conversions,total_conversion_value,total_null\nemail > search,3,30,1\nsearch,1,10,4\n"
        try cli.write("paths.csv", paths)
        let file = try cli.run(["attribute", "paths.csv", "--input", "paths", "--models", "linear,markov", "--out", "file"])
        let piped = try cli.run(["attribute", "-", "--input", "paths", "--models", "linear,markov", "--out", "piped"], input: paths)
        #expect(file.status == 0 && piped.status == 0, "\(piped.stderr)")
        let a = try cli.attributionRows("file"), b = try cli.attributionRows("piped")
        #expect(a.count == 4 && a.count == b.count)
        for (key, row) in a { #expect(b[key]!.0 == row.0 && b[key]!.2 == row.2, "\(key)") }
        #expect(try cli.read("piped/attribution.json").contains("<stdin>"))
        // An empty standard input is a clear error.
        let empty = try cli.run(["attribute", "-", "--input", "paths", "--out", "none"], input: "")
        #expect(empty.status == 2 && empty.stderr.contains("<stdin>"), "\(empty.stderr)")
    }

    /// A folder mta may not replace is refused before the input is even read (a long
    /// neural run must not end in that refusal), and left as it was.
    @Test func aForeignOutputFolderIsRefusedBeforeAnyWork() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", "user_id,event,timestamp\nu1,email,not-a-time\n")
        try FileManager.default.createDirectory(atPath: cli.path("mine"), withIntermediateDirectories: true)
        try cli.write("mine/notes.txt", "keep me")
        let r = try cli.run(["attribute", "events.csv", "--conversion-event", "purchase", "--out", "mine"])
        #expect(r.status == 2 && r.stderr.contains("refusing to replace") && !r.stderr.contains("not-a-time"), "\(r.stderr)")
        #expect(try cli.read("mine/notes.txt") == "keep me")
    }
}

@Suite struct ImplausibleTimeWarningTests {
    @Test func attributeWarnsOfTimesOutsideTheYears1970To2200AndStillRuns() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("e.csv", "user_id,event,timestamp\na,email,2024-01-01\na,purchase,2024-01-02\nb,email,1704067200000000\n")
        let r = try cli.run(["attribute", "e.csv", "--conversion-event", "purchase", "--models", "last-touch", "--out", "res"])
        #expect(r.status == 0)
        #expect(
            r.stderr.contains("warning: 1 row with a time outside the years 1970–2200")
                && r.stderr.contains("e.csv:4: column 'timestamp', value '1704067200000000'"), "\(r.stderr)")
    }
}
