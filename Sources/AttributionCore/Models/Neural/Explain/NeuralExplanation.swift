/// Shapley values of the calibrated model over the positive windows' active
/// (day, channel) cells, weighted by how many conversions each window stands for.
public struct NeuralExplanation: Sendable {
    public let days: Int
    public let channels: Int
    /// Summed values per cell, index `day * channels + channel`, day 0 the oldest
    /// (the anchor, conversion day is `days - 1`).
    public var value: [Double]
    /// Standard error of each cell's sum from permutation sampling (0 where exact).
    public var valueError: [Double]
    public var channelValue: [Double]
    public var channelError: [Double]
    /// Conversions explained (the positives' count).
    public var conversions: Double
    /// f(0): the calibrated probability of a window without any touch.
    public var baseline: Double
    public var exactWindows = 0
    public var sampledWindows = 0
    /// Permutations each sampled window took (sampling stops early once the shares are precise enough).
    public var permutationsPerWindow = 0

    init(days: Int, channels: Int) {
        self.days = days
        self.channels = channels
        value = [Double](repeating: 0, count: days * channels)
        valueError = value
        channelValue = [Double](repeating: 0, count: channels)
        channelError = channelValue
        conversions = 0
        baseline = 0
    }

    /// Σ over windows of count × (f(x) − f(0)): what the values add up to (efficiency).
    public var total: Double { channelValue.reduce(0, +) }

    /// Each channel's share of the total value (negative values kept).
    public var channelShare: [Double] {
        let t = total
        return channelValue.map { t != 0 ? $0 / t : 0 }
    }

    /// Shares × conversions: the model's credit in conversions.
    public var channelConversions: [Double] { channelShare.map { $0 * conversions } }

    public func cell(daysBeforeConversion k: Int, channel c: Int) -> Double { value[(days - 1 - k) * channels + c] }
}
