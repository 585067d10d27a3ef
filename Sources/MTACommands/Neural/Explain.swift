import ArgumentParser
import AttributionCore
import AttributionIO
import Foundation

/// `mta explain`: the neural model's third stage, Shapley values of the trained model.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Shapley values of a trained model over each positive window's active (day, channel) cells.",
        discussion: """
            Exact up to --exact-limit active cells, seeded permutation sampling above (standard error reported). \
            Baseline: the window without any touch, so one window's values sum to f(x) − f(0). Weighted by how many \
            conversions each distinct window stands for; positives only (td-mta mixed in the negatives and, sampling \
            one prefix per draw, counted long journeys less). Writes neural_by_day.csv and neural_channels.csv.
            """
    )

    @Argument(help: "Model file from `mta train`.") var model: String
    @Argument(help: "Examples file from `mta extract` (same channels and lookback as the model's).") var examples: String
    @Option(help: "Output folder.") var out = "results"
    @Option(help: "Active cells up to which values are exact (2ⁿ coalitions).") var exactLimit = NeuralShapley.Options().exactLimit
    @Option(help: "Most permutations per window above the exact limit (antithetic pairs).") var samples = NeuralShapley.Options().samples
    @Option(help: "Stop sampling once every channel's share has at most this standard error (0: take every permutation).")
    var shareError = NeuralShapley.Options().shareError
    @Option(help: "Random seed for the permutations.") var seed = NeuralShapley.Options().seed

    func validate() throws {
        if let problem = options.problem { throw ValidationError(problem.description) }
    }

    var options: NeuralShapley.Options {
        var o = NeuralShapley.Options()
        o.exactLimit = exactLimit
        o.samples = samples
        o.shareError = shareError
        o.seed = seed
        return o
    }

    func run() throws {
        let started = Date()
        try reportingErrors {
            let trained = try ModelFile.read(path: model)
            let file = try ExampleFile.read(path: examples)
            try trained.check(file, path: examples)
            let e = NeuralShapley.explain(trained.model, counts: file.counts, options: options)
            var staging = OutputStaging(directory: URL(fileURLWithPath: out))
            staging.add("neural_by_day.csv", NeuralResultFiles.byDay(e, channels: file.header.channels))
            staging.add("neural_channels.csv", NeuralResultFiles.channels(e, channels: file.header.channels))
            try staging.commit()
            let names = file.header.channels
            let order = (0..<e.channels).sorted { e.channelValue[$0] > e.channelValue[$1] }
            let width = max(8, names.map(\.count).max() ?? 0)
            func pad(_ text: String) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
            print("\(pad("channel"))  conversions    share   ± (s.e.)")
            for c in order {
                print(
                    pad(names[c])
                        + String(format: "  %11.2f  %6.2f%%  %9.4f", e.channelConversions[c], 100 * e.channelShare[c], e.channelError[c]))
            }
            let sampling = e.sampledWindows > 0 ? " (\(e.permutationsPerWindow) permutations each)" : ""
            print(
                "explained \(Int(e.conversions)) conversions in \(e.exactWindows) windows exactly and \(e.sampledWindows) by sampling\(sampling) "
                    + "(baseline f(0) = \(String(format: "%.6f", e.baseline))) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; wrote \(out)/neural_by_day.csv and \(out)/neural_channels.csv"
            )
        }
    }
}
