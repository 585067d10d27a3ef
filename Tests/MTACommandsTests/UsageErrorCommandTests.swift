import Testing

/// Usage errors: the nearest valid value suggested, the subcommand's usage shown, status 64.
@Suite struct UsageErrorCommandTests {
    static let events = "user_id,event,timestamp\nu1,email,2024-01-01\nu1,purchase,2024-01-02\n"
    static let attribute = ["attribute", "events.csv", "--conversion-event", "purchase"]

    @Test(arguments: [
        (["--models", "shapely"], "unknown model 'shapely'; did you mean 'shapley'?"),
        (["--models", "markov", "--models", "linaer,first-touch"], "unknown model 'linaer'; did you mean 'linear'?"),
        (["--journey", "every-conversoin"], "unknown journey rule 'every-conversoin'; did you mean 'every-conversion'?"),
        (["--path-transform", "exposur"], "unknown path transform 'exposur'; did you mean 'exposure'?"),
        (["--input", "path"], "unknown input format 'path'; did you mean 'paths'?"),
        (["--write-mode", "apend"], "unknown write mode 'apend'; did you mean 'append'?"),
        (["--dialect", "redshfit"], "unknown dialect 'redshfit'; did you mean 'redshift'?"),
    ])
    func attributeSuggestsTheNearestValue(_ flags: [String], _ message: String) throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        let out = try cli.run(Self.attribute + flags)
        #expect(out.status == 64)
        #expect(out.stderr.contains(message), "\(out.stderr)")
        #expect(out.stderr.contains("Usage: mta attribute"), "\(out.stderr)")
        #expect(!cli.exists("results"))
    }

    @Test func runSuggestsALogFormat() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        let out = try cli.run(["run", "events.csv", "--conversion-event", "purchase", "--log-format", "jsn"])
        #expect(out.status == 64)
        #expect(out.stderr.contains("unknown log format 'jsn'; did you mean 'json'?"), "\(out.stderr)")
        #expect(out.stderr.contains("Usage: mta run"), "\(out.stderr)")
    }

    /// Found in `run()`, once the input is known: still the subcommand's usage, not `mta <subcommand>`.
    @Test func anErrorFoundWhileRunningShowsTheSubcommandsUsage() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", Self.events)
        let out = try cli.run(Self.attribute + ["--write-tables"])
        #expect(out.status == 64)
        #expect(out.stderr.contains("Error: --write-tables needs a database source"), "\(out.stderr)")
        #expect(out.stderr.contains("Usage: mta attribute ["), "\(out.stderr)")
        #expect(out.stderr.contains("See 'mta attribute --help'"), "\(out.stderr)")
        #expect(!out.stderr.contains("<subcommand>"), "\(out.stderr)")
    }
}
