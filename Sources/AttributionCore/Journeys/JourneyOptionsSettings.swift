import Foundation

extension JourneyOptions {
    /// The defaults, for flags and templates to read.
    public static let defaults = JourneyOptions()

    /// The first setting journeys cannot be cut with, or nil.
    public var problem: OptionProblem? {
        if let d = lookbackDays, !(d > 0) { return OptionProblem(option: "lookback-days", "must be positive") }
        if let n = topChannels, n < 1 { return OptionProblem(option: "top-channels", "must be at least 1") }
        if let n = transforms.maxPathLength, n < 1 { return OptionProblem(option: "max-path-length", "must be at least 1, got \(n)") }
        return nil
    }

    /// How paths were shaped, for the run's settings record (the rule is recorded by
    /// the caller, with the conversion rule, for event-level input only).
    public var settings: [(String, JSONValue)] {
        var s: [(String, JSONValue)] = [
            ("lookback_days", lookbackDays.map { .number($0) } ?? .null),
            ("top_channels", topChannels.map { .integer($0) } ?? .null),
            ("path_transform", .string(transforms.kind.rawValue)),
            ("max_path_length", transforms.maxPathLength.map { .integer($0) } ?? .null),
            ("remove_if_not_all", .array(transforms.removeIfNotAll.map { .string($0) })),
            ("remove_if_last_and_not_all", .array(transforms.removeIfLastAndNotAll.map { .string($0) })),
        ]
        if let window {
            s.append(
                (
                    "conversion_window",
                    .object([("from", .string(Timestamp.iso(ms: window.start))), ("to", .string(Timestamp.iso(ms: window.end)))])
                ))
        }
        return s
    }
}
