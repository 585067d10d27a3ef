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

    public init(replicates: Int = 200, seed: UInt64 = 42, level: Double = 0.95, workers: Int? = nil) {
        self.replicates = replicates
        self.seed = seed
        self.level = level
        self.workers = workers
    }
}
