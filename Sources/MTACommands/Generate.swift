import ArgumentParser
import AttributionCore
import AttributionIO

/// `mta generate`: synthetic touchpoints for trying the tool without data of one's own.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write realistic synthetic touchpoint events as CSV (user_id,event,timestamp,revenue)."
    )

    @Option(help: "Number of users.")
    var users = 100_000

    @Option(help: "Number of channels (1-\(SyntheticTouchpoints.catalogue.count)).")
    var channels = 12

    @Option(help: "Journeys start within this many days of 2024-01-01.")
    var days = 60

    @Option(help: "Random seed; the same seed gives the same file.")
    var seed: UInt64 = 1

    @Option(help: "Output CSV file.")
    var out = "sample.csv"

    func validate() throws {
        guard users >= 1 else { throw ValidationError("--users must be at least 1") }
        guard (1...SyntheticTouchpoints.catalogue.count).contains(channels) else {
            throw ValidationError("--channels must be between 1 and \(SyntheticTouchpoints.catalogue.count)")
        }
        guard days >= 1 else { throw ValidationError("--days must be at least 1") }
    }

    func run() throws {
        var config = SyntheticTouchpoints.Config(users: users)
        config.channels = channels
        config.days = days
        config.seed = seed
        let table = SyntheticTouchpoints.generate(config)
        try reportingErrors {
            try EventCSVWriter.write(table, conversionEvent: SyntheticTouchpoints.conversionEvent, to: out)
        }
        let conversions = table.conversionCount
        let revenue = table.value.reduce(0, +)
        print("wrote \(table.count) events for \(users) users (\(conversions) conversions, revenue \(Format.amount(revenue))) to \(out)")
        print("next: mta attribute \(out) --conversion-event \(SyntheticTouchpoints.conversionEvent) --value-column revenue --models all --out results/")
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
