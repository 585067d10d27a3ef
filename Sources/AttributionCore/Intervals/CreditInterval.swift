/// A channel's interval under one model: credited conversions and share.
public struct CreditInterval: Sendable, Equatable {
    public var conversionsLow: Double
    public var conversionsHigh: Double
    public var shareLow: Double
    public var shareHigh: Double

    public init(conversionsLow: Double, conversionsHigh: Double, shareLow: Double, shareHigh: Double) {
        self.conversionsLow = conversionsLow
        self.conversionsHigh = conversionsHigh
        self.shareLow = shareLow
        self.shareHigh = shareHigh
    }

    /// Half the width of the conversions interval: the `±` printed beside a credit.
    public var conversionsHalfWidth: Double { (conversionsHigh - conversionsLow) / 2 }
}

/// One model result's intervals, indexed by channel id like its credits.
public struct ModelIntervals: Sendable {
    public var model: String
    public var channels: ChannelIndex
    public var intervals: [CreditInterval]
    /// Replicates the model was fitted on; the rest failed (`failures`).
    public var replicates: Int
    public var failures: Int
    /// Why the first failed replicate failed, if any did.
    public var firstFailure: String?

    public init(
        model: String, channels: ChannelIndex, intervals: [CreditInterval], replicates: Int,
        failures: Int = 0, firstFailure: String? = nil
    ) {
        self.model = model
        self.channels = channels
        self.intervals = intervals
        self.replicates = replicates
        self.failures = failures
        self.firstFailure = firstFailure
    }
}

/// Every interval of a run, and the models that got none by design.
public struct IntervalReport: Sendable {
    public var options: IntervalOptions
    public var models: [ModelIntervals]
    /// Models not refitted per replicate (one fit is too slow), by model name.
    public var excludedModels: [String]
    /// The results of the excluded models (a merged `neural` gives `neural-removal` too).
    public var excludedResults: [String]

    public init(options: IntervalOptions, models: [ModelIntervals], excludedModels: [String], excludedResults: [String]? = nil) {
        self.options = options
        self.models = models
        self.excludedModels = excludedModels
        self.excludedResults = excludedResults ?? excludedModels
    }

    public func intervals(for model: String) -> ModelIntervals? { models.first { $0.model == model } }
}
