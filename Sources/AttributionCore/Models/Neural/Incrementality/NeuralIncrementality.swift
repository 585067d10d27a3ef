/// Each channel's expected conversions lost if its touches were removed, by the fitted
/// model (the `neural-removal` model and `neural_incremental.csv`).
public struct NeuralIncrementality: Sendable, Equatable {
    /// Expected conversions lost per channel id (negative when the model says the
    /// channel's touches lowered the chance of converting).
    public var incremental: [Double]
    /// Σ over segments of the model's P(conversion) with every touch kept.
    public var expectedConversions: Double
    /// Conversions in the data (positive windows).
    public var observedConversions: Double
    /// Segments replayed (a journey, or the days at risk before one conversion).
    public var segments: Int

    public init(channels: Int) {
        incremental = [Double](repeating: 0, count: channels)
        expectedConversions = 0
        observedConversions = 0
        segments = 0
    }

    /// Each channel's part of the total lost (0 when nothing is lost).
    public var shares: [Double] {
        let total = incremental.reduce(0, +)
        return incremental.map { total != 0 ? $0 / total : 0 }
    }
}
