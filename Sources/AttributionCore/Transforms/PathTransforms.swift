/// How a journey's channel sequence is reshaped before it becomes a path
/// (the transforms of Google's fractribution and Snowplow's attribution package).
///
/// One order of application, used everywhere (journeys cut from events, path-level
/// input, and the push-down SQL):
///
/// 1. top-N channels (the rest renamed `others`), when cutting or reshaping;
/// 2. lookback in days (event-level input only: path-level input has no times);
/// 3. `removeIfNotAll`;
/// 4. `removeIfLastAndNotAll`;
/// 5. the kind (`unique`, `exposure`, `first`, `frequency`);
/// 6. trim to the last `maxPathLength` steps.
///
/// The removal rules come before the kind so they match the channel names as cut
/// (a `frequency` path renames `email` to `email(3)`), and the trim comes last so
/// N counts the steps of the path the models see.
///
/// No rule can empty a non-empty path (both removals keep a path made only of the
/// listed channels). A path emptied by the lookback window behaves as a conversion
/// with no touch: its conversions are counted but credited to no channel, and a
/// null journey left empty is dropped.
public struct PathTransforms: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The path as it happened.
        case unique
        /// Consecutive touches on the same channel collapse to one; the most recent
        /// touch of each run is kept (`--collapse-repeats`).
        case exposure
        /// Each channel once, at its first occurrence.
        case first
        /// Each channel once, at its first occurrence, renamed with how many times it
        /// occurred: `email > search > email` becomes `email(2) > search(1)`.
        case frequency
    }

    public var kind: Kind
    /// Keep only the last N steps (fractribution's `path_lookback_steps`).
    public var maxPathLength: Int?
    /// Steps on these channels are dropped, unless every step of the path is on one
    /// of them (then the path is left as it is).
    public var removeIfNotAll: [String]
    /// The run of steps on these channels that ends the path is dropped, unless every
    /// step of the path is on one of them. After it, a path ends on one of these
    /// channels only if it has nothing else (used to take last-touch credit from `direct`).
    public var removeIfLastAndNotAll: [String]

    public init(
        kind: Kind = .unique, maxPathLength: Int? = nil,
        removeIfNotAll: [String] = [], removeIfLastAndNotAll: [String] = []
    ) {
        precondition(maxPathLength.map { $0 >= 1 } ?? true, "maxPathLength must be at least 1")
        self.kind = kind
        self.maxPathLength = maxPathLength
        self.removeIfNotAll = removeIfNotAll
        self.removeIfLastAndNotAll = removeIfLastAndNotAll
    }

    /// True when applying the transforms leaves every path as it is.
    public var isIdentity: Bool {
        kind == .unique && maxPathLength == nil && removeIfNotAll.isEmpty && removeIfLastAndNotAll.isEmpty
    }

    /// The name a `frequency` path gives a channel met `count` times.
    public static func frequencyName(_ channel: String, count: Int) -> String { "\(channel)(\(count))" }
}
