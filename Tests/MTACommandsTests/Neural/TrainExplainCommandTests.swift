import AttributionCore
import AttributionIO
import Foundation
import Testing

/// `mta train` and `mta explain` as a user runs them, on a small generated sample.
@Suite struct TrainExplainCommandTests {
    @Test func trainThenExplainWritesAModelMetricsAndValuesThatAddUp() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["generate", "--users", "1500", "--channels", "4", "--seed", "2", "--out", "events.csv"]).status == 0)
        #expect(
            try cli.run(["extract", "events.csv", "--conversion-event", "purchase", "--lookback-days", "3", "--out", "ex.mtax"]).status == 0
        )
        let train = try cli.run([
            "train", "ex.mtax", "--width", "4", "--layers", "1", "--epochs", "2", "--steps-per-epoch", "5",
            "--batch-size", "100", "--no-balance", "--quiet", "--out", "model.mtam",
        ])
        #expect(train.status == 0, "\(train.stderr)")
        let metrics = try cli.read("metrics.csv").split(separator: "\n")
        #expect(metrics.count == 3 && metrics[0].hasPrefix("epoch,train_loss,"))
        let model = try ModelFile.read(path: cli.path("model.mtam"))
        #expect(model.header.shape.width == 4 && model.header.lookbackDays == 3 && !model.header.training.balance)

        let explain = try cli.run(["explain", "model.mtam", "ex.mtax", "--out", "res", "--exact-limit", "6", "--samples", "50"])
        #expect(explain.status == 0, "\(explain.stderr)")
        let examples = try ExampleFile.read(path: cli.path("ex.mtax"))
        // The files agree with the core computed in process, and add up.
        var options = NeuralShapley.Options()
        options.exactLimit = 6
        options.samples = 50
        let e = NeuralShapley.explain(model.model, counts: examples.counts, options: options)
        let channels = try cli.read("res/neural_channels.csv")
        #expect(channels == NeuralResultFiles.channels(e, channels: examples.header.channels))
        let byDay = try cli.read("res/neural_by_day.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(byDay.count == 3 * 4)
        #expect(abs(byDay.map { Double($0[3])! }.reduce(0, +) - 1) < 1e-9)
        #expect(abs(e.channelConversions.reduce(0, +) - Double(examples.counts.totalPositives)) < 1e-6)
    }

    @Test func examplesOfAnotherLookbackOrVocabularyAreRefused() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["generate", "--users", "800", "--channels", "4", "--out", "events.csv"]).status == 0)
        #expect(
            try cli.run(["extract", "events.csv", "--conversion-event", "purchase", "--lookback-days", "3", "--out", "a.mtax"]).status == 0)
        #expect(
            try cli.run(["extract", "events.csv", "--conversion-event", "purchase", "--lookback-days", "4", "--out", "b.mtax"]).status == 0)
        #expect(
            try cli.run([
                "extract", "events.csv", "--conversion-event", "purchase", "--lookback-days", "3", "--top-channels", "2", "--out", "c.mtax",
            ]).status == 0)
        #expect(
            try cli.run([
                "train", "a.mtax", "--width", "3", "--layers", "1", "--epochs", "1", "--steps-per-epoch", "2",
                "--batch-size", "50", "--quiet", "--out", "m.mtam",
            ]).status == 0)
        let lookback = try cli.run(["explain", "m.mtam", "b.mtax"])
        #expect(lookback.status == 2 && lookback.stderr.contains("b.mtax") && lookback.stderr.contains("4-day"), "\(lookback.stderr)")
        let vocabulary = try cli.run(["explain", "m.mtam", "c.mtax"])
        #expect(vocabulary.status == 2 && vocabulary.stderr.contains("channels"), "\(vocabulary.stderr)")
        try cli.write("bad.mtam", "not a model")
        let bad = try cli.run(["explain", "bad.mtam", "a.mtax"])
        #expect(bad.status == 2 && bad.stderr.contains("MTAM"), "\(bad.stderr)")
        let steps = try cli.run(["train", "a.mtax", "--steps-per-epoch", "many"])
        #expect(steps.status != 0 && steps.stderr.contains("full"))
        #expect(!cli.exists("results"))
    }
}
