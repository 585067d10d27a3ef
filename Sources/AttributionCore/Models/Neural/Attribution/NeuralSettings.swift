/// The neural model's settings inside `mta attribute` (the three stages run in memory).
public struct NeuralSettings: Sendable, Equatable {
    /// Days in a window, the conversion day last.
    public var lookbackDays = 7
    public var training = TrainingOptions()
    public var shapley = NeuralShapley.Options()
    /// Told of each stage and training step; not a setting (two runs that differ only
    /// here give the same numbers).
    public var progress: (any NeuralProgress)? = nil

    public init() {}

    public static func == (a: NeuralSettings, b: NeuralSettings) -> Bool {
        a.lookbackDays == b.lookbackDays && a.training == b.training && a.shapley == b.shapley
    }

    /// The first setting the model cannot run with, named as `mta extract`, `train` and
    /// `explain` name it (`attribute` prefixes `neural-`).
    public var problem: OptionProblem? {
        if let problem = ExtractOptions(lookbackDays: lookbackDays).problem { return problem }
        if let problem = training.problem { return OptionProblem(option: nil, "neural model (--neural-*): \(problem)") }
        let shape = NetworkShape(days: 1, channels: 1, width: training.width, layers: training.layers, dropout: training.dropout)
        if let problem = shape.problem { return OptionProblem(option: nil, "neural model (--neural-*): \(problem)") }
        return shapley.problem
    }

    /// Every setting that changes its numbers, named as the flags without `neural-`.
    public var settings: [(String, JSONValue)] {
        let t = training
        return [
            ("lookback_days", .integer(lookbackDays)),
            ("epochs", .integer(t.epochs)),
            ("steps_per_epoch", t.stepsPerEpoch.map { .integer($0) } ?? .string("full")),
            ("width", .integer(t.width)),
            ("layers", .integer(t.layers)),
            ("dropout", .number(t.dropout)),
            ("batch_size", .integer(t.batchSize)),
            ("learning_rate", .number(t.learningRate)),
            ("validation_fraction", .number(t.validationFraction)),
            ("balance", .bool(t.balance)),
            ("augment_last_day", .bool(t.augmentLastDay)),
            ("training_seed", .integer(Int(truncatingIfNeeded: t.seed))),
            ("exact_limit", .integer(shapley.exactLimit)),
            ("samples", .integer(shapley.samples)),
            ("share_error", .number(shapley.shareError)),
            ("shapley_seed", .integer(Int(truncatingIfNeeded: shapley.seed))),
        ]
    }
}
