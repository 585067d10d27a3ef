import ArgumentParser
import AttributionCore

/// `--intervals` and `--bootstrap N`: bootstrap intervals of every fast model's credit.
struct IntervalArguments: ParsableArguments {
    @Flag(help: "Give each model's credit per channel a 95 % interval from a bootstrap of the journeys (the neural models excepted).")
    var intervals = false

    @Option(help: "Bootstrap replicates for --intervals (default 200); giving it turns --intervals on.")
    var bootstrap: Int?

    static let defaultReplicates = 200
    /// Fewer than this leave the 2.5 % and 97.5 % percentiles to the extremes alone.
    static let replicateRange = 20...100_000

    func validate() throws {
        if let n = bootstrap, !Self.replicateRange.contains(n) {
            throw ValidationError("--bootstrap must be between \(Self.replicateRange.lowerBound) and \(Self.replicateRange.upperBound) replicates, got \(n)")
        }
    }

    /// The interval settings, or nil when no interval was asked for.
    func options(seed: UInt64) -> IntervalOptions? {
        guard intervals || bootstrap != nil else { return nil }
        return IntervalOptions(replicates: bootstrap ?? Self.defaultReplicates, seed: seed)
    }
}
