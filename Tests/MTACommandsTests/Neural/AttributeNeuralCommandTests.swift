import AttributionCore
import AttributionIO
import Foundation
import Testing

/// `mta attribute --models neural` runs the three stages in memory: the same numbers
/// as `extract`, `train` and `explain` run one after the other with the same settings.
@Suite struct AttributeNeuralCommandTests {
    @Test func inMemoryStagesEqualTheThreeCommandsAndWriteTheirTables() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["generate", "--users", "1500", "--channels", "4", "--seed", "2", "--out", "events.csv"]).status == 0)
        let attribute = try cli.run([
            "attribute", "events.csv", "--conversion-event", "purchase", "--models", "neural,last-touch,neural-removal",
            "--neural-lookback-days", "3", "--neural-width", "4", "--neural-layers", "1", "--neural-epochs", "2",
            "--neural-steps-per-epoch", "5", "--neural-exact-limit", "6", "--neural-samples", "50", "--seed", "9", "--out", "res",
        ])
        #expect(attribute.status == 0, "\(attribute.stderr)")
        let rows = try cli.read("res/attribution.csv").split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(Set(rows.map { String($0[0]) }) == ["neural", "neural-removal", "last-touch"])
        for model in ["neural", "neural-removal"] {
            let shares = rows.filter { $0[0] == model }.map { Double($0[3])! }
            #expect(shares.count == 4 && abs(shares.reduce(0, +) - 1) < 1e-9, "\(model)")
        }
        let incremental = try cli.read("res/neural_incremental.csv").split(separator: "\n")
        #expect(
            incremental.first == "channel,incremental_conversions,share,expected_conversions,observed_conversions" && incremental.count == 5
        )

        // Named alone, the removal model fits the same network and replays it the same way.
        let removal = try cli.run([
            "attribute", "events.csv", "--conversion-event", "purchase", "--models", "neural-removal",
            "--neural-lookback-days", "3", "--neural-width", "4", "--neural-layers", "1", "--neural-epochs", "2",
            "--neural-steps-per-epoch", "5", "--seed", "9", "--out", "alone",
        ])
        #expect(removal.status == 0, "\(removal.stderr)")
        #expect(try cli.read("alone/neural_incremental.csv") == cli.read("res/neural_incremental.csv"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("alone/neural_channels.csv")))

        #expect(
            try cli.run(["extract", "events.csv", "--conversion-event", "purchase", "--lookback-days", "3", "--out", "ex.mtax"]).status == 0
        )
        #expect(
            try cli.run([
                "train", "ex.mtax", "--width", "4", "--layers", "1", "--epochs", "2", "--steps-per-epoch", "5",
                "--seed", "9", "--quiet", "--out", "model.mtam",
            ]).status == 0)
        #expect(
            try cli.run(["explain", "model.mtam", "ex.mtax", "--out", "staged", "--exact-limit", "6", "--samples", "50", "--seed", "9"])
                .status == 0)
        #expect(try cli.read("res/neural_channels.csv") == cli.read("staged/neural_channels.csv"))
        #expect(try cli.read("res/neural_by_day.csv") == cli.read("staged/neural_by_day.csv"))
    }

    @Test func pathInputGivesTheNeuralModelsErrorAndTheOthersStillRun() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("paths.csv", "path,total_conversions,total_null\nemail > search,3,5\nsearch,1,7\n")
        let r = try cli.run(["attribute", "paths.csv", "--input", "paths", "--models", "neural,last-touch", "--out", "res"])
        #expect(r.stderr.contains("neural") && r.stderr.contains("touch times"), "\(r.stderr)")
        #expect(try cli.read("res/attribution.csv").contains("last-touch,email"))
    }
}
