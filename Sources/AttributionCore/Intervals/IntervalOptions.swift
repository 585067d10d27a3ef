/// How credit intervals are estimated (`--intervals`, `--bootstrap N`, `--seed`).
public struct IntervalOptions: Sendable, Equatable {
    /// Bootstrap replicates: each one resamples the journeys and refits every model.
    public var replicates = 200
    /// Replicate `r` draws from a stream of (seed, r) alone, so the intervals do not
    /// depend on how many replicates run at once.
    public var seed: UInt64 = 42
    /// Coverage of each interval; its ends are the (1 ∓ level)/2 percentiles.
    public var level = 0.95
    /// Replicates run at once; nil: one per core.
    public var workers: Int? = nil

    /// Fewer than 20 leave the 2.5 % and 97.5 % percentiles to the extremes alone.
    public static let replicateRange = 20...100_000
    /// The defaults, for flags and templates to read.
    public static let defaults = IntervalOptions()

    public init(replicates: Int = 200, seed: UInt64 = 42, level: Double = 0.95, workers: Int? = nil) {
        self.replicates = replicates
        self.seed = seed
        self.level = level
        self.workers = workers
    }

    public var problem: OptionProblem? {
        if !Self.replicateRange.contains(replicates) {
            return OptionProblem(
                option: "bootstrap",
                "must be between \(Self.replicateRange.lowerBound) and \(Self.replicateRange.upperBound) replicates, got \(replicates)")
        }
        if !(level > 0 && level < 1) { return OptionProblem(option: nil, "the interval level must be between 0 and 1") }
        return nil
    }

    /// For the run's settings record (the seed is the models' seed, recorded with them).
    public var settings: [(String, JSONValue)] { [("replicates", .integer(replicates)), ("level", .number(level))] }
}
