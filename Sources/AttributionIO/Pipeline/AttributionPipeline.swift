import AttributionCore
import Dispatch
import Foundation

/// Source → journeys/paths → models → document: the one orchestration that
/// `mta attribute`, `mta run` and every later command share. Sinks receive the
/// document afterwards (`write(to:)`), so a command decides what to do when one fails.
public struct AttributionPipeline: Sendable {
    public var source: any AttributionSource
    public var journeys: JourneyOptions
    public var models: [any AttributionModel]
    /// Bootstrap intervals of every model's credit, when set (`--intervals`).
    public var intervals: IntervalOptions? = nil
    /// Advanced through each stage, when a progress meter is shown.
    public var progress: StageProgress? = nil
    /// Called after each stage with its name and seconds (progress, `--timings`, logs).
    public var onStage: @Sendable (String, Double) -> Void = { _, _ in }
    /// Called with the phases a source times inside its read (a warehouse's server
    /// time and transfer), before the read's own stage.
    public var onSourcePhase: @Sendable (String, Double) -> Void = { _, _ in }
    /// What the run was told; its record goes into the document (nil: an empty record).
    public var settings: RunSettings? = nil

    public init(source: any AttributionSource, journeys: JourneyOptions, models: [any AttributionModel]) {
        self.source = source
        self.journeys = journeys
        self.models = models
    }

    /// What the models ran on, kept for sinks that show more than credits (the report, `--write-paths`).
    public func run(jobId: String = "") async throws -> (AttributionDocument, AttributionInputSnapshot) {
        var clock = StageClock(onStage: onStage)
        let runAt = clock.startDate
        var request = SourceRequest(
            journeys: journeys, needsEvents: models.contains { $0.needsJourneys },
            progress: progress)
        request.onPhase = onSourcePhase
        progress?.begin("read \(source.format)", total: 0, unit: "")
        let loaded = try await source.load(request)
        clock.lap("read \(source.format)")
        // The events are released here, before the models run: only their journeys are needed.
        let data = cutJourneys(consume loaded, clock: &clock)

        let input: AttributionInput
        let read: ReadReport
        var eventCount: Int? = nil
        switch data {
        case .events:
            preconditionFailure("events are cut into journeys first")
        case .journeys(let journeySet, let report, let events):
            read = report
            eventCount = events
            input = aggregate(journeySet, clock: &clock)
        case .paths(let table, let hasValue, let shaped, let report):
            read = report
            // A pushed-down table was cut with the window; a path file has no times.
            if journeys.window != nil && !shaped {
                throw InputError(
                    file: source.description, message: "a conversion window needs event-level input (path-level rows have no times)")
            }
            let paths = shaped ? table : table.reshaped(topChannels: journeys.topChannels, transforms: journeys.transforms)
            input = AttributionInput(paths: paths, journeys: nil, hasValue: hasValue)
            clock.lap("paths (\(paths.count))")
        }

        let summary = JourneySummary(paths: input.paths, journeys: input.journeys, hasValue: input.hasValue)
        progress?.begin("models", total: models.count, unit: "models")
        let outcomes = AttributionRun.run(models, on: input) { [progress] in progress?.advance(by: 1) }
        clock.lap("models")
        var document = AttributionDocument(
            input: source.description, format: source.format, summary: summary, read: read,
            outcomes: outcomes,
            settings: settings?.record(journeys: journeys, intervals: intervals, ran: models) ?? [])
        if let intervals {
            // A model that failed on the data would fail on every replicate too.
            let failed = Set(outcomes.compactMap { if case .failure(let model, _) = $0 { model } else { nil } })
            progress?.begin("intervals", total: intervals.replicates, unit: "replicates")
            document.intervals = BootstrapIntervals.compute(
                models.filter { !failed.contains($0.name) }, on: input,
                options: intervals
            ) { [progress] in progress?.advance(by: 1) }
            clock.lap("intervals (\(intervals.replicates) replicates)")
        }
        document.period = input.journeys.flatMap(AnalysisWindow.init(journeys:))
        document.jobId = jobId
        document.runAt = runAt
        document.timings = clock.laps
        return (document, AttributionInputSnapshot(input: input, events: eventCount))
    }

    /// Events become journeys; the other kinds pass through.
    private func cutJourneys(_ data: consuming SourceData, clock: inout StageClock) -> SourceData {
        guard case .events(let events, let report) = data else { return data }
        // `data` let go of the events, so the builder holds the only copy and frees them once cut.
        data = .journeys(JourneySet(channels: ChannelIndex()), report, events: 0)
        progress?.begin("cut journeys", total: 0, unit: "")
        let eventCount = events.count
        let journeySet = JourneyBuilder.build(consume events, options: journeys)
        clock.lap("cut journeys (\(journeySet.count))")
        return .journeys(journeySet, report, events: eventCount)
    }

    private func aggregate(_ journeySet: JourneySet, clock: inout StageClock) -> AttributionInput {
        progress?.begin("aggregate paths", total: 0, unit: "")
        let paths = PathTable(journeys: journeySet)
        clock.lap("aggregate paths (\(paths.count))")
        return AttributionInput(paths: paths, journeys: journeySet, hasValue: source.hasValue)
    }
}

/// The models' input, handed to sinks beside the document.
public struct AttributionInputSnapshot: Sendable {
    public let input: AttributionInput
    /// Event rows read (event-level input only).
    public let events: Int?
    public init(input: AttributionInput, events: Int?) {
        self.input = input
        self.events = events
    }
}

/// Wall time per stage.
struct StageClock {
    let onStage: @Sendable (String, Double) -> Void
    let startDate = Date()
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var laps: [(stage: String, seconds: Double)] = []

    init(onStage: @escaping @Sendable (String, Double) -> Void) { self.onStage = onStage }

    mutating func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        let seconds = Double(now - last) / 1e9
        laps.append((stage, seconds))
        onStage(stage, seconds)
        last = now
    }
}
