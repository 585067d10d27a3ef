import ArgumentParser
import AttributionCore
import AttributionIO
import AttributionReport
import Foundation

/// `mta evaluate`: every model on data whose causal truth is known, ranked by how
/// close its channel shares come to the true ones.
struct Evaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank the models by their distance to the known true shares of generated data.",
        discussion: """
            Runs the models as `mta attribute` does on events made by `mta generate --truth` (or `mta generate --like`), \
            then compares each model's channel shares with the true shares in the truth file: total variation distance \
            ½ Σ |share − true share| and Spearman's rank correlation. Writes the attribute results, evaluation.csv and \
            the HTML report (with a chart of the distances) to --out.
            """
    )

    @OptionGroup(title: "Input") var source: InputArguments
    @OptionGroup(title: "Journeys") var journeys: JourneyArguments
    @OptionGroup(title: "Models") var modelArguments: ModelArguments

    @Option(help: ArgumentHelp("The truth file written by `mta generate --truth`.", valueName: "file"))
    var truth: String

    @Option(help: "Output folder (replaced whole).")
    var out = "evaluation"

    static let reportName = "multi_touch_attribution.html"

    func run() async throws {
        let trueShares = try reportingErrors { try TruthFile.read(path: truth) }
        let meter =
            modelArguments.trainsNetwork
            ? ProgressMeter(log: RunLog(format: .text, quiet: false)) : nil
        let setup = try PipelineSetup(source: source, journeys: journeys, models: modelArguments, progress: meter?.progress)
        if let note = setup.skippedModels { printError(note) }
        let sink = ResultFolderSink(
            directory: out,
            extraFiles: [
                { doc, _ in doc.evaluation.map { (TruthFile.evaluationFileName, TruthFile.evaluationCSV($0)) } },
                { doc, _ in (Self.reportName, HTMLReport.render(doc)) },
            ])
        try reportingErrors { try sink.preflight() }
        meter?.start()
        var (document, input) = try await reportingErrors {
            defer { meter?.stop() }
            return try await setup.pipeline.run(jobId: "")
        }
        RunPrinter.readWarnings(document.read)
        let dataChannels = Set(document.results.flatMap(\.channels.names))
        if !dataChannels.isEmpty && dataChannels.isDisjoint(with: trueShares.keys) {
            printError(
                "error: \(InputError(file: truth, message: "none of its channels (\(trueShares.keys.sorted().joined(separator: ", "))) is in the data (\(dataChannels.sorted().joined(separator: ", "))): is it the truth of another file?"))"
            )
            throw badInputExitCode
        }
        let evaluation = TruthEvaluation(results: document.results, truth: trueShares)
        document.evaluation = evaluation
        let receipts = try await reportingErrors { try await publish(document, input: input, to: [sink]) }

        let width = max(5, evaluation.scores.map(\.model.count).max() ?? 0)
        func pad(_ s: String) -> String { s.padding(toLength: width, withPad: " ", startingAt: 0) }
        print("\(pad("model"))  distance to the truth  rank correlation")
        for s in evaluation.scores {
            print(
                pad(s.model) + String(format: "  %21.3f  ", s.distance)
                    + (s.rankCorrelation.map { String(format: "%16.3f", $0) } ?? String(repeating: " ", count: 15) + "–"))
        }
        print("")
        print("distance = ½ Σ |model share − true share| over the channels (0: identical, 1: disjoint); rank correlation: Spearman's")
        for receipt in receipts { print("wrote \(receipt.items.joined(separator: ", "))") }
        if RunPrinter.failures(document) { throw ExitCode.failure }
    }
}
