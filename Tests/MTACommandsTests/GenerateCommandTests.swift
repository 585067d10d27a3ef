import AttributionCore
import AttributionIO
import Foundation
import Testing

/// `mta generate` with the real binary: the events and the truth file are what the
/// core API makes for the same flags, and bad flags are refused before anything is written.
@Suite struct GenerateCommandTests {
    static func config(users: Int, seed: UInt64 = 1, confounding: Double = 0) -> SyntheticTouchpoints.Config {
        var c = SyntheticTouchpoints.Config(users: users)
        c.seed = seed
        c.confounding = confounding
        return c
    }

    @Test func theTruthFileIsTheAPIsTruth() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let out = try cli.run([
            "generate", "--users", "3000", "--seed", "4", "--confounding", "1", "--truth", "truth.csv", "--out", "s.csv",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("wrote the truth to truth.csv"), "\(out.stdout)")
        let lines = try cli.read("truth.csv").split(separator: "\n").map(String.init)
        #expect(lines.first == "channel,effect,incremental_conversions,share,incremental_revenue,users_touched")
        let truth = SyntheticTouchpoints.truth(Self.config(users: 3000, seed: 4, confounding: 1))
        #expect(lines.count == 1 + truth.count)
        for (line, t) in zip(lines.dropFirst(), truth) {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(f.count == 6)
            // Numbers as every result CSV rounds them.
            #expect(f[0] == t.channel && f[1] == JSONValue.formatRounded(t.effect) && Int(f[2]) == t.incrementalConversions)
            #expect(
                f[3] == (t.share.map(JSONValue.formatRounded) ?? "") && f[4] == JSONValue.formatRounded(t.incrementalRevenue)
                    && Int(f[5]) == t.usersTouched, "\(line)")
        }
        #expect(lines.contains { $0.hasPrefix("display,0,0,0,0,") })
    }

    /// The CSV is the API's event table as `EventCSVWriter` writes it, and the same
    /// seed gives the same bytes (with or without --truth).
    @Test func theEventsAreTheAPIsEventsAndRepeatable() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["generate", "--users", "1500", "--seed", "9", "--out", "a.csv"]).status == 0)
        #expect(try cli.run(["generate", "--users", "1500", "--seed", "9", "--truth", "t.csv", "--out", "b.csv"]).status == 0)
        try EventCSVWriter.write(
            SyntheticTouchpoints.generate(Self.config(users: 1500, seed: 9)),
            conversionEvent: SyntheticTouchpoints.conversionEvent, to: cli.path("api.csv"))
        let a = try cli.read("a.csv")
        #expect(a == (try cli.read("b.csv")))
        #expect(a == (try cli.read("api.csv")))
        #expect(a.hasPrefix("user_id,event,timestamp,revenue\nu1,"))
        #expect(a.contains(",purchase,"))
    }

    @Test func badFlagValuesAreRefusedBeforeAnythingIsWritten() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        for (flags, message) in [
            (["--confounding=-0.5"], "--confounding must be between 0 and 3"),
            (["--confounding", "3.5"], "--confounding must be between 0 and 3"),
            (["--confounding", "nan"], "--confounding must be between 0 and 3"),
            (["--truth", ""], "--truth needs a file name"),
            (["--truth", "s.csv"], "--truth and --out must be different files"),
            (["--users", "0"], "--users must be at least 1"),
        ] {
            let out = try cli.run(["generate", "--users", "100", "--out", "s.csv"] + flags)
            // Flag errors exit like every command's validation (ArgumentParser's usage error).
            #expect(out.status == 64, "\(flags)")
            #expect(out.stderr.contains(message), "\(flags): \(out.stderr)")
        }
        #expect(!cli.exists("s.csv"))
    }

    @Test func aTruthFileThatCannotBeWrittenIsOneLineAndExitTwo() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("blocker", "a file, not a folder")
        let out = try cli.run(["generate", "--users", "100", "--truth", "blocker/truth.csv", "--out", "s.csv"])
        #expect(out.status == 2)
        #expect(out.stderr.hasPrefix("error: ") && out.stderr.contains("blocker"), "\(out.stderr)")
        #expect(out.stderr.split(separator: "\n").count == 1)
    }
}

@Suite struct GenerateLikeCommandTests {
    @Test func generateLikeAFileFitsItsShapeAndWritesATruth() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["generate", "--users", "3000", "--channels", "4", "--seed", "4", "--out", "mine.csv"]).status == 0)
        let r = try cli.run(["generate", "--like", "mine.csv", "--conversion-event", "purchase", "--out", "like.csv", "--truth", "t.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("wrote") && r.stdout.contains("for 3000 users") && r.stdout.contains("touches per user"), "\(r.stdout)")
        let truth = try cli.read("t.csv").split(separator: "\n")
        #expect(truth.count == 5)
        let mine = Set(try cli.read("mine.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] })
        let like = Set(try cli.read("like.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] })
        #expect(mine == like)
    }

    @Test func likeFlagsAreCheckedTogether() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("e.csv", "user_id,event,timestamp\na,email,2024-01-01\na,purchase,2024-01-02\n")
        let both = try cli.run(["generate", "--like", "e.csv", "--conversion-event", "purchase", "--channels", "3", "--out", "x.csv"])
        #expect(both.status != 0 && both.stderr.contains("--channels and --days come from --like"), "\(both.stderr)")
        let alone = try cli.run(["generate", "--conversion-event", "purchase", "--out", "x.csv"])
        #expect(alone.status != 0 && alone.stderr.contains("give --like too"), "\(alone.stderr)")
        let noRule = try cli.run(["generate", "--like", "e.csv", "--out", "x.csv"])
        #expect(noRule.status != 0 && noRule.stderr.contains("conversion"), "\(noRule.stderr)")
    }
}
