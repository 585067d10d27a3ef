import Foundation

/// Everything one run produced, ready for every sink (files, database tables, the report).
public struct AttributionDocument: Sendable {
    /// The job this run belongs to (`--job-id`); every result row carries it.
    public var jobId: String = ""
    /// When the run started.
    public var runAt = Date()
    /// Seconds per stage, in order ("read events", "cut journeys", "models", …).
    public var timings: [(stage: String, seconds: Double)] = []
    public var input: String
    public var format: String
    public var summary: JourneySummary
    public var read: ReadReport
    public var outcomes: [AttributionRun.Outcome]
    /// The settings that shaped the result (journey rule, window, model options…).
    public var settings: [(String, JSONValue)]
    /// What the data looks like (volumes, journey shapes, top paths, reach), for the report.
    public var profile: DataProfile? = nil
    /// Spend per channel over the analysed window (`--spend`), for cost per conversion and ROAS.
    public var spend: ChannelSpend? = nil
    /// Bootstrap intervals of the credits (`--intervals`).
    public var intervals: IntervalReport? = nil
    /// Each model's distance to the data's known true shares (`mta evaluate`).
    public var evaluation: TruthEvaluation? = nil
    /// The UTC days the touches and conversions span (event-level input only).
    public var period: AnalysisWindow? = nil

    public init(
        input: String, format: String, summary: JourneySummary, read: ReadReport,
        outcomes: [AttributionRun.Outcome], settings: [(String, JSONValue)]
    ) {
        self.input = input
        self.format = format
        self.summary = summary
        self.read = read
        self.outcomes = outcomes
        self.settings = settings
    }

    public var results: [ModelResult] {
        outcomes.compactMap { if case .success(let r) = $0 { r } else { nil } }
    }

    /// Results that have no interval although intervals were asked for: models too slow
    /// to refit (excluded), or models that failed on every replicate.
    public var resultsWithoutInterval: [String] {
        guard let report = intervals else { return [] }
        return results.map(\.model).filter { report.intervals(for: $0) == nil }
    }

    /// The model the outputs lead with (see `ModelRecommendation`).
    public var recommendation: ModelRecommendation? { ModelRecommendation.choose(results) }
}
