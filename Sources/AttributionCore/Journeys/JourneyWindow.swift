/// The period a scheduled run analyses: journeys whose end (the conversion, or
/// a null journey's last touch) falls in [start, end). Touches before `start`
/// still count, up to the lookback, because journeys are cut on all events first.
public struct ConversionWindow: Sendable, Equatable {
    /// Milliseconds since the epoch, start inclusive, end exclusive.
    public let start: Int64
    public let end: Int64

    public init(start: Int64, end: Int64) {
        precondition(start < end, "an empty conversion window")
        self.start = start
        self.end = end
    }

    public static let dayMs: Int64 = 86_400_000

    /// The last `days` complete UTC days before `now` (ms).
    public static func lastCompleteDays(_ days: Int, before now: Int64) -> ConversionWindow {
        let today = now - ((now % dayMs) + dayMs) % dayMs
        return ConversionWindow(start: today - Int64(days) * dayMs, end: today)
    }

    public func contains(_ t: Int64) -> Bool { t >= start && t < end }
}

extension JourneySet {
    /// The journeys that end inside the window.
    public func ending(in window: ConversionWindow) -> JourneySet {
        var kept = JourneySet(channels: channels)
        for j in 0..<count where window.contains(endTime[j]) {
            let t = touches(j)
            kept.appendJourney(
                channels: touchChannel[t], times: touchTime[t], converted: converted[j],
                endTime: endTime[j], value: value[j])
        }
        kept.userCount = userCount
        return kept
    }
}
