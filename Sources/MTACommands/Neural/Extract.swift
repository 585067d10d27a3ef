import ArgumentParser
import AttributionCore
import AttributionIO
import Foundation

/// `mta extract`: the neural model's first stage, day-bucketed windows from events.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Day-bucketed [lookback × channels] windows from events, for `mta train` (distinct windows with counts).",
        discussion: """
            Positives: the window ending on each conversion day, holding the touches since the user's previous conversion. \
            Negatives (--negatives at-risk, the default): the window ending on every day a user could have converted — \
            from the first touch to the last day of the data for users who never convert, up to the day before each \
            conversion for those who do — windows without any touch included. --negatives td-mta keeps td-mta's rule \
            (never-converters only, on their touch days) for comparison.
            """
    )

    @Argument(help: "Event-level CSV file ('-' for standard input).")
    var file: String

    @OptionGroup var columns: EventColumnArguments

    @Option(help: "Days in a window, the conversion (anchor) day last.")
    var lookbackDays = ExtractOptions().lookbackDays

    @Option(help: "Which days give negative windows: at-risk (default) or td-mta.", transform: Choice.parse("negative rule"))
    var negatives: ExtractOptions.NegativeRule = .atRisk

    @Option(help: "Keep the N most touched channels, the rest as 'others' (a window holds at most 64 channels).")
    var topChannels: Int?

    @Option(help: "Users cut into windows together (each page's distinct windows are merged into the total).")
    var usersPerPage = 10_000

    @Option(help: "Output examples file.")
    var out = "examples.mtax"

    func validate() throws {
        try columns.requireConversionRule()
        if let problem = ExtractOptions(lookbackDays: lookbackDays, negatives: negatives).problem {
            throw ValidationError(problem.description)
        }
        guard usersPerPage >= 1 else { throw ValidationError("--users-per-page must be at least 1") }
        if let topChannels, !(1..<NetworkShape.maximumChannels).contains(topChannels) {
            throw ValidationError("--top-channels must be between 1 and \(NetworkShape.maximumChannels - 1)")
        }
    }

    func run() throws {
        let started = Date()
        try reportingErrors {
            let (read, report) = try EventCSVReader.read(path: file, options: columns.eventOptions)
            RunPrinter.readWarnings(report)
            var events = read
            if let topChannels { events = WindowExtractor.foldingChannels(events, top: topChannels) }
            guard events.channels.count <= NetworkShape.maximumChannels else {
                throw InputError(
                    file: file, column: columns.eventColumn,
                    message:
                        "\(events.channels.count) channels; a window holds at most \(NetworkShape.maximumChannels): add --top-channels N")
            }
            let options = ExtractOptions(lookbackDays: lookbackDays, negatives: negatives)
            let counts = WindowExtractor.extract(events, options: options, usersPerPage: usersPerPage)
            let header = ExampleFile.Header(
                channels: events.channels.names.isEmpty ? ["(none)"] : events.channels.names,
                lookbackDays: lookbackDays, negatives: negatives.rawValue,
                conversion: columns.conversionEvent.map { "event:\($0)" } ?? "column:\(columns.conversionColumn ?? "")",
                windows: counts.count, positives: counts.totalPositives, negativeExamples: counts.totalNegatives,
                users: events.userCount, events: events.count,
                source: file == "-" ? "<stdin>" : file, sourceDigest: InputDigest.of(path: file))
            try ExampleFile(header: header, counts: counts).write(to: out)
            let seconds = Date().timeIntervalSince(started)
            print(
                "wrote \(counts.count) distinct windows (\(counts.totalPositives) positive, \(counts.totalNegatives) negative examples; "
                    + "\(events.userCount) users, \(events.channels.count) channels, \(lookbackDays)-day lookback) to \(out) in \(String(format: "%.2f", seconds)) s"
            )
        }
    }
}

extension ExtractOptions.NegativeRule: ExpressibleByArgument {}
