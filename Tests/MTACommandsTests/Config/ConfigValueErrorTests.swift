import Foundation
import Testing

/// A value in `mta.yaml` that the flags reject is reported against the file:
/// `FILE:LINE: key '…': …`, exit 2, no usage text. The same value typed on the
/// command line keeps the usual usage error.
@Suite struct ConfigValueErrorTests {
    /// Four lines: the key under test is on line 6.
    static let head = "conversion:\n  event: purchase\ncolumns:\n  value: revenue\n"

    @Test(arguments: [
        ("models:\n  list: [markov, shapely]\n", "bad.yaml:6: key 'models.list':", "shapely"),
        ("models:\n  markov_order: banana\n", "bad.yaml:6: key 'models.markov_order':", "got 'banana'"),
        ("models:\n  seed: 1\n  position_weights: 1/2\n", "bad.yaml:7: key 'models.position_weights':", "three non-negative numbers"),
        ("models:\n  neural_epochs: 0\n", "bad.yaml:6: key 'models.neural_epochs':", "epochs must be at least 1"),
        ("journeys:\n  max_path_length: 0\n", "bad.yaml:6: key 'journeys.max_path_length':", "must be at least 1"),
        ("source:\n  delimiter: colon\n", "bad.yaml:6: key 'source.delimiter':", "--delimiter must be one of"),
    ])
    func valueErrorsNameFileLineAndKey(_ tail: String, _ place: String, _ message: String) throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", AttributeCommandTests.events)
        try cli.write("bad.yaml", Self.head + tail)
        let out = try cli.run(["attribute", "events.csv", "--config", "bad.yaml"])
        #expect(out.status == 2, "\(out.stderr)")
        #expect(out.stderr.contains(place) && out.stderr.contains(message), "\(out.stderr)")
        #expect(!out.stderr.contains("Usage:"), "\(out.stderr)")
        #expect(!cli.exists("results"))
    }

    @Test func theSameValueOnTheCommandLineIsAUsageError() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", AttributeCommandTests.events)
        try cli.write("ok.yaml", Self.head)
        let out = try cli.run(["attribute", "events.csv", "--config", "ok.yaml", "--markov-order", "banana"])
        #expect(out.status == 64, "\(out.stderr)")
        #expect(out.stderr.contains("--markov-order") && !out.stderr.contains("ok.yaml"), "\(out.stderr)")
    }

    @Test func anUnknownKeySuggestsTheNearestOne() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("bad.yaml", Self.head + "models:\n  markov_ordr: 2\n")
        let out = try cli.run(["attribute", "events.csv", "--config", "bad.yaml"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("bad.yaml:6: unknown key 'models.markov_ordr'; did you mean 'models.markov_order'?"), "\(out.stderr)")
        #expect(out.stderr.contains("mta init --keys"))
        // One short line, not every key.
        #expect(out.stderr.count < 200, "\(out.stderr)")
        #expect(!out.stderr.contains("column"))
    }

    /// A column named in the file that the header lacks: the error names the key and line too.
    @Test func aMissingColumnFromTheConfigNamesItsKey() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", AttributeCommandTests.events)
        try cli.write("c.yaml", "conversion:\n  event: purchase\ncolumns:\n  user: userid\n")
        let out = try cli.run(["attribute", "events.csv", "--config", "c.yaml"])
        #expect(out.status == 2)
        #expect(
            out.stderr.contains("(--user-column; key 'columns.user' at c.yaml:4)") && out.stderr.contains("did you mean 'user_id'?"),
            "\(out.stderr)")
        // Given on the command line, only the flag is named.
        let flagged = try cli.run(["attribute", "events.csv", "--config", "c.yaml", "--user-column", "usr"])
        #expect(flagged.stderr.contains("(--user-column);"), "\(flagged.stderr)")
    }

    @Test func theDelimiterComesFromTheConfigOrTheHeader() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let semicolons = AttributeCommandTests.events.replacingOccurrences(of: ",", with: ";")
        try cli.write("events.csv", AttributeCommandTests.events)
        try cli.write("semi.csv", semicolons)
        #expect(
            try cli.run(["attribute", "events.csv", "--conversion-event", "purchase", "--value-column", "revenue", "--out", "comma"]).status
                == 0)
        // Detected from the header line.
        let detected = try cli.run([
            "attribute", "semi.csv", "--conversion-event", "purchase", "--value-column", "revenue", "--out", "detected",
        ])
        #expect(detected.status == 0, "\(detected.stderr)")
        #expect(try cli.read("detected/attribution.csv") == (try cli.read("comma/attribution.csv")))
        // Given in the config: a ';' file read as '|' is one column, and the error says so.
        try cli.write("pipe.yaml", "source:\n  path: semi.csv\n  delimiter: \"|\"\nconversion:\n  event: purchase\n")
        let wrong = try cli.run(["attribute", "--config", "pipe.yaml"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("(--user-column)") && wrong.stderr.contains("separated by ';'"), "\(wrong.stderr)")
        try cli.write(
            "semi.yaml",
            "source:\n  path: semi.csv\n  delimiter: \";\"\nconversion:\n  event: purchase\ncolumns:\n  value: revenue\noutput:\n  directory: fromconfig\n"
        )
        let given = try cli.run(["attribute", "--config", "semi.yaml"])
        #expect(given.status == 0, "\(given.stderr)")
        #expect(try cli.read("fromconfig/attribution.csv") == (try cli.read("comma/attribution.csv")))
    }
}
