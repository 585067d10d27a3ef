/// The neural model's settings inside `mta attribute` (the three stages run in memory).
public struct NeuralSettings: Sendable, Equatable {
    /// Days in a window, the conversion day last.
    public var lookbackDays = 7
    public var training = TrainingOptions()
    public var shapley = NeuralShapley.Options()

    public init() {}
}
