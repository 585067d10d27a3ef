/// What a run was told, written into its settings record (`attribution.json`, `run.json`,
/// and the runs table, whose digest is taken of it: equal digests, equal settings).
/// The pipeline writes the record from the options it actually ran with.
public struct RunSettings: Sendable {
    /// The `--models` list as given (`all` stays `all`).
    public var models: [String]
    /// The conversion rule as given (`event=purchase`); nil for path-level input,
    /// which has no journey rule either.
    public var conversion: String?
    public var modelOptions: ModelOptions

    public init(models: [String], conversion: String?, modelOptions: ModelOptions) {
        self.models = models
        self.conversion = conversion
        self.modelOptions = modelOptions
    }

    /// The record of a run with these journeys and intervals, and these models.
    public func record(journeys: JourneyOptions, intervals: IntervalOptions?, ran models: [any AttributionModel]) -> [(String, JSONValue)] {
        var s: [(String, JSONValue)] = [("models", .array(self.models.map { .string($0) }))]
        if let conversion {
            s.append(("journey", .string(journeys.rule.rawValue)))
            s.append(("conversion", .string(conversion)))
        }
        s += journeys.settings
        let neural = models.contains { $0 is NeuralModel }
        s += modelOptions.settings(neural: neural)
        if let intervals { s.append(("intervals", .object(intervals.settings))) }
        return s
    }
}
