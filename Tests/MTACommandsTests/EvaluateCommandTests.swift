import Foundation
import Testing

@Suite struct EvaluateCommandTests {
    /// The distances in evaluation.csv are recomputed here from attribution.csv and
    /// truth.csv, independently of the command's code.
    @Test func ranksEveryModelByItsDistanceToTheTruth() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(
            try cli.run(["generate", "--users", "4000", "--channels", "5", "--seed", "3", "--out", "e.csv", "--truth", "truth.csv"]).status
                == 0)
        let r = try cli.run(["evaluate", "e.csv", "--conversion-event", "purchase", "--truth", "truth.csv", "--out", "ev"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("distance to the truth"))

        func rows(_ text: String) -> [[String]] {
            text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let truthHeader = try cli.read("truth.csv").split(separator: "\n")[0].split(separator: ",").map(String.init)
        let shareColumn = truthHeader.firstIndex(of: "share")!
        var truth: [String: Double] = [:]
        for row in rows(try cli.read("truth.csv")) { truth[row[0]] = Double(row[shareColumn])! }
        var shares: [String: [String: Double]] = [:]
        for row in rows(try cli.read("ev/attribution.csv")) { shares[row[0], default: [:]][row[1]] = Double(row[3])! }

        let evaluation = rows(try cli.read("ev/evaluation.csv"))
        #expect(Set(evaluation.map { $0[0] }) == Set(shares.keys) && evaluation.count == shares.count && evaluation.count >= 8)
        var previous = -1.0
        for row in evaluation {
            let model = shares[row[0]]!
            let channels = Set(truth.keys).union(model.keys)
            let distance = 0.5 * channels.reduce(0) { $0 + abs((model[$1] ?? 0) - (truth[$1] ?? 0)) }
            #expect(abs(Double(row[1])! - distance) < 1e-9, "\(row)")
            #expect(Double(row[1])! >= previous)
            previous = Double(row[1])!
            if let rho = Double(row[2]) { #expect(rho >= -1 - 1e-12 && rho <= 1 + 1e-12) }
        }
        let report = try cli.read("ev/multi_touch_attribution.html")
        #expect(report.contains("id=\"evaluation\"") && report.contains("Distance to the true shares"))
    }

    @Test func aTruthFileWithoutSharesOrOfAnotherDataSetIsAClearError() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["generate", "--users", "300", "--channels", "3", "--seed", "3", "--out", "e.csv"]).status == 0)
        try cli.write("bad.csv", "channel,share\nemail,0.5\nemail,abc\n")
        let bad = try cli.run(["evaluate", "e.csv", "--conversion-event", "purchase", "--truth", "bad.csv", "--out", "ev"])
        #expect(bad.status == 2 && bad.stderr.contains("bad.csv:3") && bad.stderr.contains("abc"), "\(bad.stderr)")
        try cli.write("other.csv", "channel,share\ntv,0.6\nradio,0.4\n")
        let other = try cli.run(["evaluate", "e.csv", "--conversion-event", "purchase", "--truth", "other.csv", "--out", "ev2"])
        #expect(other.status == 2 && other.stderr.contains("none of its channels"), "\(other.stderr)")
        let missing = try cli.run(["evaluate", "e.csv", "--conversion-event", "purchase", "--truth", "nope.csv", "--out", "ev3"])
        #expect(missing.status == 2 && missing.stderr.contains("nope.csv"), "\(missing.stderr)")
    }
}
