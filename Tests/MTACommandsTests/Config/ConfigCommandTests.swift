import Foundation
import Testing

@testable import MTACommands

/// `--config mta.yaml` and `mta init`, through the real binary.
@Suite struct ConfigCommandTests {
    @Test func everyAttributeAndRunFlagHasAConfigKey() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let help = try cli.run(["attribute", "--help"]).stdout + (try cli.run(["run", "--help"]).stdout)
        let flags = Set(
            help.split(whereSeparator: { !($0.isLetter || $0 == "-") })
                .filter { $0.hasPrefix("--") && $0.count > 2 }.map(String.init))
        #expect(flags.count > 30)
        let listing = try cli.run(["init", "--keys"])
        #expect(listing.status == 0)
        let keyFlags = Set(
            listing.stdout.split(separator: "\n").dropFirst(2).compactMap { line in
                line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.map(String.init)
            })
        // A switch's --no- form is the same key (neural_balance: false).
        let negated = Set(flags.filter { $0.hasPrefix("--no-") && keyFlags.contains("--" + $0.dropFirst(5)) })
        let missing = flags.subtracting(keyFlags).subtracting(negated).subtracting(["--help", "--config", "--version", "--max-position"])
        #expect(missing.isEmpty, "flags without a config key: \(missing.sorted())")
        #expect(!cli.exists("mta.yaml"))
    }

    @Test func configRunsTheSampleAndFlagsWinOverIt() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["init"]).status == 0)
        #expect(try cli.run(["init"]).status == 2, "init must not overwrite without --force")
        #expect(try cli.run(["generate", "--users", "3000", "--out", "sample.csv"]).status == 0)
        let out = try cli.run(["attribute", "--config", "mta.yaml", "--models", "first-touch,last-touch", "--out", "flagged"])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = try cli.attributionRows("flagged")
        #expect(Set(rows.keys.map { $0.split(separator: "/")[0] }) == ["first-touch", "last-touch"])
        #expect(!cli.exists("results"), "--out must win over output.directory")
        // Revenue comes from the config's value column.
        #expect(rows.values.allSatisfy { !$0.2.isEmpty })
        let run = try cli.run(["run", "--config", "mta.yaml", "--models", "first-touch", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        // The template sets no job id: each run keeps its own folder, so `mta runs` has a history.
        #expect(try cli.run(["run", "--config", "mta.yaml", "--models", "first-touch", "--quiet"]).status == 0)
        let jobs = try FileManager.default.contentsOfDirectory(atPath: cli.path("data")).filter { !$0.hasPrefix(".") }
        #expect(jobs.count == 2, "\(jobs)")
        for job in jobs {
            #expect(cli.exists("data/\(job)/multi_touch_attribution/multi_touch_attribution.html"))
        }
    }

    @Test(arguments: [
        ("journeys:\n  lookback_days: soon\n", "bad.yaml:2", "expected a number"),
        ("journeys:\n  rule: every\n", "bad.yaml:2", "one of first-conversion, every-conversion"),
        ("source:\n  pth: x.csv\n", "bad.yaml:2", "unknown key"),
        ("models:\n  list: all\nmodels:\n  seed: 1\n", "bad.yaml", "duplicated key(s): 'models'"),
        ("source:\n  path: [a, b]\n", "bad.yaml:2", "expected a single value"),
        ("source: [\n", "bad.yaml", "not valid YAML"),
        ("source:\n  path: ${MTA_TEST_NOT_SET_ANYWHERE}\n", "bad.yaml:2", "environment variable MTA_TEST_NOT_SET_ANYWHERE is not set"),
    ])
    func badConfigNamesKeyAndLineAndExitsTwo(_ yaml: String, _ place: String, _ message: String) throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("bad.yaml", yaml)
        let out = try cli.run(["attribute", "--config", "bad.yaml", "--conversion-event", "purchase"])
        #expect(out.status == 2)
        #expect(out.stderr.contains(place) && out.stderr.contains(message), "\(out.stderr)")
        #expect(!cli.exists("results"))
    }

    @Test func secretsFromTheEnvironmentAreNeverShown() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("events.csv", AttributeCommandTests.events)
        // The secret lands in a column name, so it is echoed by the error about that column.
        try cli.write("s.yaml", "source:\n  path: events.csv\ncolumns:\n  user: ${MTA_TEST_SECRET}\nconversion:\n  event: purchase\n")
        let out = try cli.run(["attribute", "--config", "s.yaml"], environment: ["MTA_TEST_SECRET": "hunter2-very-secret"])
        #expect(out.status == 2)
        #expect(!out.stderr.contains("hunter2-very-secret") && out.stderr.contains("***"), "\(out.stderr)")
    }

    /// A switch on by default: false in the file gives its --no- form; either form on
    /// the command line wins.
    @Test func aSwitchOnByDefaultIsTurnedOffFromTheFile() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("mta.yaml", "models:\n  neural_balance: false\n")
        let path = cli.path("mta.yaml")
        #expect(try ConfigExpansion.expand(["attribute", "--config", path], environment: [:]).contains("--no-neural-balance"))
        let given = try ConfigExpansion.expand(["attribute", "--config", path, "--neural-balance"], environment: [:])
        #expect(!given.contains("--no-neural-balance"))
        try cli.write("mta.yaml", "models:\n  neural_balance: true\n")
        let on = try ConfigExpansion.expand(["attribute", "--config", path, "--no-neural-balance"], environment: [:])
        #expect(on.filter { $0.hasSuffix("neural-balance") } == ["--no-neural-balance"])
    }
}
