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
}
