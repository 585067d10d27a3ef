import ArgumentParser
import AttributionCore
import AttributionIO
import Foundation

/// `mta generate`: synthetic touchpoints for trying the tool without data of one's own,
/// and with `--truth`, what each channel really caused, to score models against.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write realistic synthetic touchpoint events as CSV (user_id,event,timestamp,revenue).",
        discussion: """
            Touches arrive day by day; each day a user converts with a hazard that rises with a decaying \
            sum of their recent touches, by a known effect per channel (display has none). --truth writes \
            each channel's incremental conversions: the same users, with the same luck, re-simulated \
            without that channel.
            """
    )

    @Option(help: "Number of users (default 100000, or as many as --like's file has).")
    var users: Int?

    @Option(help: "Number of channels (1-\(SyntheticTouchpoints.catalogue.count); default 12).")
    var channels: Int?

    @Option(help: "Journeys start within this many days of 2024-01-01 (default 60).")
    var days: Int?

    @Option(help: "Random seed; the same seed gives the same file.")
    var seed: UInt64 = 1

    @Option(
        help: ArgumentHelp(
            "Strength of a latent intent that raises both exposure to paid_search, email, direct and retargeting and conversion (0-3; 0: none).",
            valueName: "x"))
    var confounding = 0.0

    @Option(help: ArgumentHelp("Also write each channel's true incremental conversions to this CSV file.", valueName: "file"))
    var truth: String?

    @Option(
        help: ArgumentHelp(
            "Fit the settings to this events CSV: its channels and their share of touches, touches per user, days between a user's first and last touch, conversion rate and start dates (channel effects follow the catalogue by reach rank).",
            valueName: "events.csv"))
    var like: String?

    @OptionGroup(title: "Columns of --like's file") var columns: EventColumnArguments

    @Option(help: "Output CSV file.")
    var out = "sample.csv"

    func validate() throws {
        if let users { guard users >= 1 else { throw ValidationError("--users must be at least 1") } }
        if let channels {
            guard (1...SyntheticTouchpoints.catalogue.count).contains(channels) else {
                throw ValidationError("--channels must be between 1 and \(SyntheticTouchpoints.catalogue.count)")
            }
        }
        if let days { guard days >= 1 else { throw ValidationError("--days must be at least 1") } }
        if like != nil {
            try columns.requireConversionRule()
            if channels != nil || days != nil { throw ValidationError("--channels and --days come from --like's file; leave them out") }
        } else if columns.conversionEvent != nil || columns.conversionColumn != nil {
            throw ValidationError("--conversion-event and --conversion-column describe --like's file; give --like too")
        }
        // A bound keeps the heaviest user's exposure, exp(0.5·x·z), within reason.
        guard confounding >= 0 && confounding <= 3 else {
            throw ValidationError("--confounding must be between 0 and 3, got \(confounding)")
        }
        if let truth, truth.isEmpty { throw ValidationError("--truth needs a file name") }
        if let truth, truth == out { throw ValidationError("--truth and --out must be different files") }
    }

    func run() throws {
        var config = SyntheticTouchpoints.Config(users: users ?? 100_000)
        config.channels = channels ?? 12
        config.days = days ?? 60
        config.seed = seed
        var target: SyntheticFit.Shape?
        if let like {
            let (events, _) = try reportingErrors { try EventCSVReader.read(path: like, options: columns.eventOptions) }
            let shape = SyntheticFit.shape(of: events)
            guard shape.users > 0 else {
                printError("error: \(like): no touches to fit the generator to")
                throw badInputExitCode
            }
            config = SyntheticFit.config(like: shape, names: events.channels.names, users: users ?? shape.users, seed: seed)
            target = shape
        }
        config.confounding = confounding
        // Users in blocks, each streamed to the file and let go: memory stays at one block.
        var events = 0, conversions = 0, revenue = 0.0
        var shapes: [SyntheticFit.Shape] = []
        let channelTruth: [ChannelTruth] = try reportingErrors {
            let file = try StreamingFile(path: out)
            try file.append(EventCSVWriter.header)
            let channelTruth = try SyntheticTouchpoints.generate(config, usersPerBlock: Self.usersPerBlock, truth: truth != nil) { table in
                try EventCSVWriter.append(table, conversionEvent: SyntheticTouchpoints.conversionEvent, to: file)
                events += table.count
                conversions += table.conversionCount
                revenue += table.value.reduce(0, +)
                if target != nil { shapes.append(SyntheticFit.shape(of: table)) }
            }
            try file.commit()
            if let truth { try writeFileAtomically(Data(TruthFile.csv(channelTruth).utf8), to: truth) }
            return channelTruth
        }
        print("wrote \(events) events for \(config.users) users (\(conversions) conversions, revenue \(Format.amount(revenue))) to \(out)")
        if let target, let like { print(Self.comparison(target, SyntheticFit.combined(shapes), like: like, config: config)) }
        if let truth {
            let incremental = channelTruth.reduce(0) { $0 + $1.incrementalConversions }
            print("wrote the truth to \(truth): \(incremental) incremental conversions over \(channelTruth.count) channels")
        }
        print(
            "next: mta attribute \(out) --conversion-event \(SyntheticTouchpoints.conversionEvent) --value-column revenue --models all --out results/"
        )
    }

    /// Users simulated, formatted and written at a time (about 4M events, 300 MB in memory).
    static let usersPerBlock = 500_000

    /// The fitted data beside the file it imitates, and the effects it was given.
    static func comparison(_ want: SyntheticFit.Shape, _ got: SyntheticFit.Shape, like: String, config: SyntheticTouchpoints.Config)
        -> String
    {
        var lines = [
            "shape of \(like) → generated:",
            String(format: "  touches per user     %8.2f → %8.2f", want.touchesPerUser, got.touchesPerUser),
            String(format: "  days first→last touch %7.2f → %8.2f", want.activeDays, got.activeDays),
            String(format: "  users converting     %7.2f%% → %7.2f%%", 100 * want.conversionRate, 100 * got.conversionRate),
            "  days of first touches \(want.startDays) → \(got.startDays)",
            "  channel               touches (file → generated)  effect",
        ]
        for (c, channel) in (config.customChannels ?? []).enumerated() {
            let name = channel.name.padding(toLength: max(20, channel.name.count), withPad: " ", startingAt: 0)
            lines.append(
                "  \(name)  "
                    + String(
                        format: "%6.2f%% → %6.2f%%          %.2f", 100 * want.touchShare[c],
                        100 * (c < got.touchShare.count ? got.touchShare[c] : 0), channel.effect))
        }
        return lines.joined(separator: "\n")
    }
}

/// Prints an input, config or output error as one clear line and exits with
/// status 2 (status 1 means some models failed and the rest were written).
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw reported(error)
    }
}

func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        throw reported(error)
    }
}

/// Exit status for bad input, config or an unreachable source or sink.
let badInputExitCode = ExitCode(2)

private func reported(_ error: any Error) -> any Error {
    switch error {
    case let e as InputError: printError("error: \(e)")
    case let e as ModelError: printError("error: \(e)")
    default: return error
    }
    return badInputExitCode
}
