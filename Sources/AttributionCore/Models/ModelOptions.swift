/// Every model's settings, in one value so the registry can build any model from it.
public struct ModelOptions: Sendable {
    /// Position-based weights of the first and last touch; the middle shares the rest.
    public var positionFirst = 0.4
    public var positionLast = 0.4
    /// Time-decay half-life in days.
    public var halfLifeDays = 7.0
    /// Linear: credit each distinct channel once instead of every touch.
    public var linearDistinctChannels = false

    public enum MarkovOrder: Sendable, Equatable {
        case fixed([Int])
        /// Choose among orders 1...maxOrder by held-out ROC AUC.
        case auto(maxOrder: Int)
    }
    public var markovOrder: MarkovOrder = .fixed([1])

    /// Ordered Shapley: positions past this are folded into the last.
    public var shapleyMaxPosition = 10
    /// Conversion-rate Shapley: exact up to this many distinct channels per set.
    public var shapleyExactMax = 12
    /// Conversion-rate Shapley: permutations drawn per set above the exact limit.
    public var shapleySamples = 2_000

    /// The neural model (`neural` and `neural-removal`).
    public var neural = NeuralSettings()

    /// Seed of every random choice (held-out splits, permutation sampling).
    public var seed: UInt64 = 42

    public init() {}
}
