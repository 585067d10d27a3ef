import ArgumentParser
import AttributionCore
import AttributionIO
import Foundation

/// `mta attribute`: read touchpoints, cut journeys, run the models, write the results.
struct Attribute: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Credit conversions and revenue to channels under each model.",
        discussion: "Models: " + ModelRegistry.entries.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")
    )

    @OptionGroup var source: InputArguments
    @OptionGroup var journeys: JourneyArguments
    @OptionGroup var modelArguments: ModelArguments

    @Option(help: "Output folder for attribution.csv, attribution.json and model tables.")
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

    func run() throws {
        let options = try modelArguments.parsedOptions()
        let models: [any AttributionModel]
        do {
            models = try ModelRegistry.models(modelArguments.modelList, options: options)
        } catch let error as ModelError {
            throw ValidationError("--models: '\(error.model)': \(error.message)")
        }
        guard !models.isEmpty else { throw ValidationError("--models names no model") }

        var clock = PhaseClock(enabled: timings)
        let (input, read) = try reportingErrors { try loadInput(&clock) }
        for problem in read.firstSkipped { printError("warning: skipped \(problem)") }
        if read.skippedRows > 0 {
            printError("warning: skipped \(read.skippedRows) bad row\(read.skippedRows == 1 ? "" : "s") of \(read.rows + read.skippedRows)" +
                       (read.skippedRows > read.firstSkipped.count ? " (first \(read.firstSkipped.count) shown)" : ""))
        }

        let summary = JourneySummary(paths: input.paths, journeys: input.journeys, hasValue: input.hasValue)
        let outcomes = AttributionRun.run(models, on: input)
        clock.lap("models")
        let document = AttributionDocument(input: source.file, format: source.input.rawValue, summary: summary, read: read,
                                           outcomes: outcomes, settings: settings(options))
        var staging = OutputStaging(directory: URL(fileURLWithPath: out))
        ResultFiles.stage(document, into: &staging)
        if writePaths { staging.add(PathCSVWriter.fileName, PathCSVWriter.csv(input.paths)) }
        try reportingErrors { try staging.commit() }
        clock.lap("write results")

        print(describe(summary))
        print("")
        print(Format.credits(document.results))
        for result in document.results where !result.messages.isEmpty {
            print("")
            print("\(result.model):")
            for line in result.messages { print("  " + line) }
        }
        print("")
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        print("wrote \(staging.names.map { folder.appendingPathComponent($0).relativePath }.joined(separator: ", "))")
        var failed = false
        for case .failure(let model, let message) in outcomes {
            printError("error: model \(model) failed: \(message)")
            failed = true
        }
        if failed { throw ExitCode.failure }
    }

    private func loadInput(_ clock: inout PhaseClock) throws -> (AttributionInput, ReadReport) {
        switch source.input {
        case .events:
            let (events, read) = try EventCSVReader.read(path: source.file, options: source.eventOptions)
            clock.lap("read events (\(events.count) rows)")
            let journeySet = JourneyBuilder.build(events, options: journeys.options)
            clock.lap("cut journeys (\(journeySet.count))")
            let paths = PathTable(journeys: journeySet)
            clock.lap("aggregate paths (\(paths.count))")
            return (AttributionInput(paths: paths, journeys: journeySet, hasValue: source.valueColumn != nil), read)
        case .paths:
            let (table, hasValue, read) = try PathCSVReader.read(path: source.file, options: source.pathOptions)
            let paths = table.reshaped(topChannels: journeys.topChannels, collapseRepeats: journeys.collapseRepeats)
            clock.lap("read paths (\(paths.count))")
            return (AttributionInput(paths: paths, journeys: nil, hasValue: hasValue), read)
        }
    }

    private func describe(_ s: JourneySummary) -> String {
        var rows: [[String]] = []
        if let users = s.users { rows.append(["users", String(users)]) }
        rows += [
            ["journeys", Format.count(s.journeys)],
            ["converting journeys", Format.count(s.convertingJourneys)],
            ["conversions with no touch before them", Format.count(s.conversionsWithoutTouch)],
            ["distinct paths", String(s.distinctPaths)],
            ["channels", String(s.channels)],
        ]
        if let revenue = s.revenue { rows.append(["revenue", Format.amount(revenue)]) }
        return Format.table(["journeys summary", ""], rows)
    }

    private func settings(_ o: ModelOptions) -> [(String, JSONValue)] {
        var s: [(String, JSONValue)] = [("models", .array(modelArguments.modelList.map { .string($0) }))]
        if source.input == .events {
            s.append(("journey", .string(journeys.journey.rawValue)))
            s.append(("conversion", .string(source.conversionEvent.map { "event \($0)" } ?? "column \(source.conversionColumn ?? "")")))
        }
        s.append(("lookback_days", journeys.lookbackDays.map { .number($0) } ?? .null))
        s.append(("top_channels", journeys.topChannels.map { .integer($0) } ?? .null))
        s.append(("collapse_repeats", .bool(journeys.collapseRepeats)))
        s.append(("linear_distinct_channels", .bool(o.linearDistinctChannels)))
        s.append(("position_weights", .array([.number(o.positionFirst), .number(1 - o.positionFirst - o.positionLast), .number(o.positionLast)])))
        s.append(("half_life_days", .number(o.halfLifeDays)))
        s.append(("markov_order", .string(modelArguments.markovOrder)))
        s.append(("seed", .integer(Int(truncatingIfNeeded: o.seed))))
        return s
    }
}
