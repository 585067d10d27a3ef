import Testing

/// Which models run: repeated `--models` flags, the config's `models.list`, and `all`
/// on path-level input (no touch times).
@Suite struct ModelSelectionCommandTests {
    static let events = """
        user_id,event,timestamp
        u1,email,2024-01-01
        u1,search,2024-01-02
        u1,purchase,2024-01-03
        u2,display,2024-01-01
        u2,purchase,2024-01-02
        u3,search,2024-01-05

        """
    static let paths = "path,total_conversions,total_null\nemail>search,3,1\ndisplay,1,2\nsearch,0,4\n"

    static func models(_ cli: CommandRunner, _ folder: String = "results") throws -> Set<String> {
        Set(try cli.attributionRows(folder).keys.map { String($0.split(separator: "/")[0]) })
    }

    @Test func repeatedModelsFlagsAddUp() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        let out = try cli.run([
            "attribute", "events.csv", "--conversion-event", "purchase",
            "--models", "markov", "--models", "shapley, linear",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(try Self.models(cli) == ["markov", "shapley", "linear"])
    }

    @Test func theConfigsModelListStillParses() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        try cli.write(
            "mta.yaml",
            """
            source:
              path: events.csv
            conversion:
              event: purchase
            models:
              list:
                - first-touch
                - markov

            """)
        let out = try cli.run(["attribute", "--config", "mta.yaml"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(try Self.models(cli) == ["first-touch", "markov"])
        // A flag on the command line replaces the config's list.
        let flagged = try cli.run(["attribute", "--config", "mta.yaml", "--models", "linear", "--out", "flagged"])
        #expect(flagged.status == 0, "\(flagged.stderr)")
        #expect(try Self.models(cli, "flagged") == ["linear"])
    }

    @Test func allOnPathsSkipsTheModelsThatNeedTouchTimes() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("paths.csv", Self.paths)
        let out = try cli.run(["attribute", "paths.csv", "--input", "paths", "--models", "all"])
        #expect(out.status == 0, "\(out.stderr)")
        let skipped = out.stderr.split(separator: "\n").filter { $0.hasPrefix("skipped") }
        #expect(skipped == ["skipped time-decay: needs event-level input (touch times)"], "\(out.stderr)")
        let ran = try Self.models(cli)
        #expect(!ran.contains("time-decay"))
        #expect(ran.isSuperset(of: ["first-touch", "last-touch", "linear", "position-based", "markov", "shapley"]))

        // Named, it cannot run: the run fails as before.
        let named = try cli.run(["attribute", "paths.csv", "--input", "paths", "--models", "all,time-decay", "--out", "named"])
        #expect(named.status == 1)
        #expect(named.stderr.contains("error: model time-decay failed"), "\(named.stderr)")
        #expect(!named.stderr.contains("skipped"), "\(named.stderr)")
    }

    @Test func allOnEventsSkipsNothing() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        let out = try cli.run(["attribute", "events.csv", "--conversion-event", "purchase", "--models", "all"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(!out.stderr.contains("skipped"))
        #expect(try Self.models(cli).contains("time-decay"))
    }
}
