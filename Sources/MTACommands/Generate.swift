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

/// Prints an input or output error as one clear line and exits non-zero.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as InputError {
        printError("error: \(error)")
        throw ExitCode.failure
    } catch let error as ModelError {
        printError("error: \(error)")
        throw ExitCode.failure
    }
}
