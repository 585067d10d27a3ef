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

    @Option(help: "Number of users.")
    var users = 100_000

    @Option(help: "Number of channels (1-\(SyntheticTouchpoints.catalogue.count)).")
    var channels = 12

    @Option(help: "Journeys start within this many days of 2024-01-01.")
    var days = 60

    @Option(help: "Random seed; the same seed gives the same file.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp(
        "Strength of a latent intent that raises both exposure to paid_search, email, direct and retargeting and conversion (0-3; 0: none).",
        valueName: "x"))
    var confounding = 0.0

    @Option(help: ArgumentHelp("Also write each channel's true incremental conversions to this CSV file.", valueName: "file"))
    var truth: String?

    @Option(help: "Output CSV file.")
    var out = "sample.csv"

    func validate() throws {
        guard users >= 1 else { throw ValidationError("--users must be at least 1") }
        guard (1...SyntheticTouchpoints.catalogue.count).contains(channels) else {
            throw ValidationError("--channels must be between 1 and \(SyntheticTouchpoints.catalogue.count)")
        }
        guard days >= 1 else { throw ValidationError("--days must be at least 1") }
        // A bound keeps the heaviest user's exposure, exp(0.5·x·z), within reason.
        guard confounding >= 0 && confounding <= 3 else {
            throw ValidationError("--confounding must be between 0 and 3, got \(confounding)")
        }
        if let truth, truth.isEmpty { throw ValidationError("--truth needs a file name") }
        if let truth, truth == out { throw ValidationError("--truth and --out must be different files") }
    }

    func run() throws {
        var config = SyntheticTouchpoints.Config(users: users)
        config.channels = channels
        config.days = days
        config.seed = seed
        config.confounding = confounding
        let (table, channelTruth) = truth == nil
            ? (SyntheticTouchpoints.generate(config), [])
            : SyntheticTouchpoints.generateWithTruth(config)
        try reportingErrors {
            try EventCSVWriter.write(table, conversionEvent: SyntheticTouchpoints.conversionEvent, to: out)
            if let truth { try writeFileAtomically(Data(Self.truthCSV(channelTruth).utf8), to: truth) }
        }
        let conversions = table.conversionCount
        let revenue = table.value.reduce(0, +)
        print("wrote \(table.count) events for \(users) users (\(conversions) conversions, revenue \(Format.amount(revenue))) to \(out)")
        if let truth {
            let incremental = channelTruth.reduce(0) { $0 + $1.incrementalConversions }
            print("wrote the truth to \(truth): \(incremental) incremental conversions over \(channelTruth.count) channels")
        }
        print("next: mta attribute \(out) --conversion-event \(SyntheticTouchpoints.conversionEvent) --value-column revenue --models all --out results/")
    }

    /// `channel,effect,incremental_conversions,share,incremental_revenue,users_touched`;
    /// share is empty when no channel helped on balance.
    static func truthCSV(_ truth: [ChannelTruth]) -> String {
        var csv = CSVWriter(header: ["channel", "effect", "incremental_conversions", "share", "incremental_revenue", "users_touched"])
        for t in truth {
            csv.appendRow([t.channel, CSVWriter.number(t.effect), String(t.incrementalConversions),
                           t.share.map(CSVWriter.number) ?? "", CSVWriter.number(t.incrementalRevenue), String(t.usersTouched)])
        }
        return csv.text
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
