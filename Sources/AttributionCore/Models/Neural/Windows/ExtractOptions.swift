/// How positive and negative windows are drawn from events (td-mta's rule, or every day at risk).
public struct ExtractOptions: Sendable, Equatable {
    /// Which days give negative windows.
    public enum NegativeRule: String, Sendable, CaseIterable {
        /// A discrete-time hazard design: every day a user is at risk of converting —
        /// from the first touch to the last day of the data for users who never
        /// convert, up to the day before each conversion for those who do — including
        /// days whose window holds no touch (they teach the baseline).
        case atRisk = "at-risk"
        /// td-mta's rule: never-converters only, windows anchored on their touch days,
        /// the last one trimmed from the front a day at a time (kept for comparison).
        case tdMTA = "td-mta"
    }

    /// Days in a window, the anchor day last.
    public var lookbackDays: Int
    public var negatives: NegativeRule

    public init(lookbackDays: Int = 7, negatives: NegativeRule = .atRisk) {
        self.lookbackDays = lookbackDays
        self.negatives = negatives
    }

    /// A window longer than a network takes is refused before any window is cut.
    public var problem: OptionProblem? {
        (1...NetworkShape.maximumDays).contains(lookbackDays)
            ? nil : OptionProblem(option: "lookback-days", "must be between 1 and \(NetworkShape.maximumDays)")
    }
}
