import AttributionCore

/// What a source hands the pipeline: raw events to cut into journeys, journeys
/// already cut, or a path table that is already aggregated (a path file, or a warehouse push-down).
/// `shaped` says the journey options (top-N, transforms) were already applied,
/// as a push-down query does; a path file gets them applied in process.
public enum SourceData: Sendable {
    case events(EventTable, ReadReport)
    /// Journeys a database source cut page by page with the request's journey
    /// options (`events`: event rows read), so it never held all events at once.
    case journeys(JourneySet, ReadReport, events: Int)
    case paths(PathTable, hasValue: Bool, shaped: Bool, ReadReport)
}

/// What the pipeline asks of a source.
public struct SourceRequest: Sendable {
    public var journeys: JourneyOptions
    /// Some model needs touch times (time decay): the source must yield events,
    /// not a pushed-down path table.
    public var needsEvents: Bool
    /// Advanced as rows are read, when a progress meter is shown.
    public var progress: StageProgress?
    /// Told the phases the source times inside its read (server time, transfer).
    public var onPhase: @Sendable (String, Double) -> Void = { _, _ in }

    public init(journeys: JourneyOptions, needsEvents: Bool, progress: StageProgress? = nil) {
        self.journeys = journeys
        self.needsEvents = needsEvents
        self.progress = progress
    }
}

/// Where touchpoints come from: a CSV file, standard input, SQLite, PostgreSQL.
public protocol AttributionSource: Sendable {
    /// Where the data is, for `attribution.json` and `run.json` (no secret in it).
    var description: String { get }
    /// `events` or `paths`: what kind of rows the user pointed at.
    var format: String { get }
    /// Whether the value column (revenue) was given.
    var hasValue: Bool { get }
    func load(_ request: SourceRequest) async throws -> SourceData
}
