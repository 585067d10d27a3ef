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

    @OptionGroup var source: InputArguments
    @OptionGroup var journeys: JourneyArguments
    @OptionGroup var modelArguments: ModelArguments
    @OptionGroup var intervalArguments: IntervalArguments
    @OptionGroup var sinks: SinkArguments

    @Option(help: "Output folder for attribution.csv, attribution.json and model tables (replaced whole).")
    var out = "results"

    @Flag(help: "Also write the path table (ChannelAttribution format) as paths.csv in the output folder.")
    var writePaths = false

    @Flag(help: "Print the time each phase took to standard error.")
    var timings = false

    func validate() throws {
        if source.input == .paths && (journeys.lookbackDays != nil || journeys.journey != .firstConversion) {
            throw ValidationError("--lookback-days and --journey need event-level input; path-level input has no times")
        }
    }

    func run() async throws {
        // The neural models train for minutes: show how far they are.
        let meter = modelArguments.modelList.contains { $0.lowercased().hasPrefix("neural") }
            ? ProgressMeter(log: RunLog(format: .text, quiet: false)) : nil
        let setup = try PipelineSetup(source: source, journeys: journeys, models: modelArguments, intervals: intervalArguments,
                                      progress: meter?.progress)
        let tables = try reportingErrors { try sinks.databaseSink(source: source) }
        let sink = ResultFolderSink(directory: out, extraFiles: writePaths ? [ResultFolderSink.pathTable] : [])
        try reportingErrors { try sink.preflight() }
        var pipeline = setup.pipeline
        let showTimings = timings
        pipeline.onStage = { stage, seconds in if showTimings { printTiming(stage, seconds) } }
        if showTimings, var warehouse = pipeline.source as? PostgresSource {
            warehouse.onPhase = { phase, seconds in printTiming("  " + phase, seconds) }
            pipeline.source = warehouse
        }
        meter?.start()
        let (document, input) = try await reportingErrors {
            defer { meter?.stop() }
            return try await pipeline.run(jobId: sinks.resolvedJobId(), settings: setup.settings)
        }
        RunPrinter.readWarnings(document.read)

        let start = Date()
        let names = try reportingErrors { try sink.publish(document, input: input) }
        if timings { printTiming("write results", Date().timeIntervalSince(start)) }
        var written: [(String, Int)] = []
        if let tables {
            let tablesStart = Date()
            written = try await reportingErrors { try await tables.publish(document) }
            if timings { printTiming("write tables", Date().timeIntervalSince(tablesStart)) }
        }

        RunPrinter.results(document)
        print("")
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        print("wrote \(names.map { folder.appendingPathComponent($0).relativePath }.joined(separator: ", "))")
        if let tables, !written.isEmpty {
            print("wrote tables \(written.map { "\($0.0) (\($0.1) rows)" }.joined(separator: ", ")) to \(DatabaseSink.place(tables.target)) (job \(document.jobId))")
        }
        if RunPrinter.failures(document) { throw ExitCode.failure }
    }
}
