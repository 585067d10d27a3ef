/// Every model's settings, in one value so the registry can build any model from it.
/// The defaults here are the only ones: flags, the config file and `mta init` read them.
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

        /// As `--markov-order` takes it: `1`, `1,2` or `auto`.
        public var text: String {
            switch self {
            case .fixed(let orders): orders.map(String.init).joined(separator: ",")
            case .auto: "auto"
            }
        }
    }
    public var markovOrder: MarkovOrder = .fixed([1])
    /// The highest order `auto` tries unless told otherwise.
    public static let markovAutoMaxOrder = 4

    /// Ordered Shapley: positions past this are folded into the last.
    public var shapleyMaxPosition = 10
    /// Conversion-rate Shapley: exact up to this many distinct channels per set.
    public var shapleyExactMax = 12
    /// Conversion-rate Shapley: permutations drawn per set above the exact limit.
    public var shapleySamples = 2_000
    /// Above 30 channels a set's 2ⁿ coalitions no longer fit in memory.
    public static let shapleyExactMaxRange = 1...30

    /// The neural model (`neural` and `neural-removal`).
    public var neural = NeuralSettings()

    /// Seed of every random choice (held-out splits, permutation sampling).
    public var seed: UInt64 = 42

    public init() {}

    /// The defaults, for flags and templates to read.
    public static let defaults = ModelOptions()

    /// The first setting no model can run with, or nil.
    public var problem: OptionProblem? {
        if !(positionFirst >= 0 && positionLast >= 0 && positionFirst + positionLast <= 1 + 1e-12) {
            return OptionProblem(option: "position-weights", "must be three non-negative numbers like 40/20/40")
        }
        if !(halfLifeDays > 0) { return OptionProblem(option: "half-life-days", "must be positive") }
        switch markovOrder {
        case .auto(let maxOrder):
            if maxOrder < 1 { return OptionProblem(option: "markov-max-order", "must be at least 1") }
        case .fixed(let orders):
            if orders.isEmpty || orders.contains(where: { $0 < 1 }) {
                return OptionProblem(option: "markov-order", "must be a positive whole number, a comma list of them, or auto")
            }
        }
        if shapleyMaxPosition < 1 { return OptionProblem(option: "shapley-max-position", "must be at least 1") }
        if !Self.shapleyExactMaxRange.contains(shapleyExactMax) {
            return OptionProblem(
                option: "shapley-exact-max",
                "must be between \(Self.shapleyExactMaxRange.lowerBound) and \(Self.shapleyExactMaxRange.upperBound)")
        }
        if shapleySamples < 2 { return OptionProblem(option: "shapley-samples", "must be at least 2") }
        return neural.problem?.prefixed("neural-")
    }

    /// What shaped the credits, for `attribution.json`, `run.json` and the runs table's
    /// digest; the neural model's settings only when it ran (they change nothing else).
    public func settings(neural includesNeural: Bool) -> [(String, JSONValue)] {
        // The middle weight is what first and last leave, rounded so 1 − 0.4 − 0.4 reads 0.2.
        let middle = ((1 - positionFirst - positionLast) * 1e12).rounded() / 1e12
        var s: [(String, JSONValue)] = [
            ("linear_distinct_channels", .bool(linearDistinctChannels)),
            ("position_weights", .array([.number(positionFirst), .number(middle), .number(positionLast)])),
            ("half_life_days", .number(halfLifeDays)),
            ("markov_order", .string(markovOrder.text)),
            ("seed", .integer(Int(truncatingIfNeeded: seed))),
        ]
        if case .auto(let maxOrder) = markovOrder { s.append(("markov_max_order", .integer(maxOrder))) }
        s += [
            ("shapley_max_position", .integer(shapleyMaxPosition)),
            ("shapley_exact_max", .integer(shapleyExactMax)),
            ("shapley_samples", .integer(shapleySamples)),
        ]
        return includesNeural ? s + neural.settings.map { ("neural_" + $0.0, $0.1) } : s
    }
}
