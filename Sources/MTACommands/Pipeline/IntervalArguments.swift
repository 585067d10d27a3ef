import ArgumentParser
import AttributionCore

/// `--intervals` and `--bootstrap N`: bootstrap intervals of every fast model's credit.
struct IntervalArguments: ParsableArguments {
    @Flag(help: "Give each model's credit per channel a 95 % interval from a bootstrap of the journeys (the neural models excepted).")
    var intervals = false

    @Option(help: "Bootstrap replicates for --intervals (default \(IntervalOptions.defaults.replicates)); giving it turns --intervals on.")
    var bootstrap: Int?

    func validate() throws {
        if let n = bootstrap, let problem = IntervalOptions(replicates: n).problem { throw ValidationError(problem.description) }
    }

    /// The interval settings, or nil when no interval was asked for.
    func options(seed: UInt64) -> IntervalOptions? {
        guard intervals || bootstrap != nil else { return nil }
        return IntervalOptions(replicates: bootstrap ?? IntervalOptions.defaults.replicates, seed: seed)
    }
}
