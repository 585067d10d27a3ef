import ArgumentParser
import AttributionCore
import AttributionIO
import Foundation

/// `mta attribute`: read touchpoints, cut journeys, run the models, write the results.
struct Attribute: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Credit conversions and revenue to channels under each model.",
        discussion: "Models: " + ModelRegistry.entries.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")
    )

    @Option(help: "A config file (see `mta init`); flags given here win over its keys.")
    var config: String?

    @OptionGroup(title: "Input") var source: InputArguments
    @OptionGroup(title: "Journeys") var journeys: JourneyArguments
    @OptionGroup(title: "Models") var modelArguments: ModelArguments
    @OptionGroup(title: "Intervals") var intervalArguments: IntervalArguments
    @OptionGroup(title: "Warehouse result tables") var sinks: SinkArguments

    @OptionGroup(title: "Output") var output: AttributeOutputArguments

    func validate() throws {
        if source.input == .paths && (journeys.lookbackDays != nil || journeys.journey != .firstConversion) {
            throw ValidationError("--lookback-days and --journey need event-level input; path-level input has no times")
        }
    }

    func run() async throws {
        // The neural models train for minutes: show how far they are.
        let meter =
            modelArguments.trainsNetwork
            ? ProgressMeter(log: RunLog(format: .text, quiet: false)) : nil
        let setup = try PipelineSetup(
            source: source, journeys: journeys, models: modelArguments, intervals: intervalArguments,
            progress: meter?.progress)
        if let note = setup.skippedModels { printError(note) }
        let folder = ResultFolderSink(directory: output.out, extraFiles: output.writePaths ? [ResultFolderSink.pathTable] : [])
        var resultSinks: [any ResultSink] = [folder]
        if let tables = try reportingErrors({ try sinks.databaseSink(source: source) }) { resultSinks.append(tables) }
        try reportingErrors { for sink in resultSinks { try sink.preflight() } }
        var pipeline = setup.pipeline
        let showTimings = output.timings
        pipeline.onStage = { stage, seconds in if showTimings { printTiming(stage, seconds) } }
        pipeline.onSourcePhase = { phase, seconds in if showTimings { printTiming("  " + phase, seconds) } }
        meter?.start()
        let (document, input) = try await reportingErrors {
            defer { meter?.stop() }
            return try await pipeline.run(jobId: sinks.resolvedJobId())
        }
        RunPrinter.readWarnings(document.read)

        let receipts = try await reportingErrors {
            try await publish(document, input: input, to: resultSinks) { sink, receipt in
                if showTimings { printTiming(sink.stage, receipt.seconds) }
            }
        }

        RunPrinter.results(document)
        print("")
        for receipt in receipts where !receipt.items.isEmpty {
            switch receipt.kind {
            case .files: print("wrote \(receipt.items.joined(separator: ", "))")
            case .tables: print("wrote tables \(receipt.items.joined(separator: ", ")) to \(receipt.place) (job \(document.jobId))")
            }
        }
        if RunPrinter.failures(document) { throw ExitCode.failure }
    }
}
