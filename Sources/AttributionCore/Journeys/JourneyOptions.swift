/// How events are cut into journeys: at the first conversion (data-apps-mta) or at
/// each (td-mta), then lookback, top-N and the path transforms.
public struct JourneyOptions: Sendable, Equatable {
    public enum Rule: String, Sendable, CaseIterable {
        /// Everything after a user's first conversion is ignored (data-apps-mta).
        case firstConversion = "first-conversion"
        /// A journey ends at each conversion; the next touch starts a new one (td-mta).
        case everyConversion = "every-conversion"
    }

    public var rule: Rule = .firstConversion
    /// Only touches at most this many days before the journey's end count.
    public var lookbackDays: Double? = nil
    /// Keep the N most frequent channels; the rest become `others`.
    public var topChannels: Int? = nil
    /// Path transforms applied after top-N and lookback (see `PathTransforms` for the order).
    public var transforms = PathTransforms()
    /// Only journeys ending (converting, or a null journey's last touch) in this
    /// window are kept; journeys are cut on all events first (scheduled runs).
    public var window: ConversionWindow? = nil

    public init(
        rule: Rule = .firstConversion, lookbackDays: Double? = nil, topChannels: Int? = nil,
        transforms: PathTransforms = PathTransforms()
    ) {
        self.rule = rule
        self.lookbackDays = lookbackDays
        self.topChannels = topChannels
        self.transforms = transforms
    }

    public static let othersChannel = "others"
}
