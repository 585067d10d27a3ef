/// A distribution over a few labelled buckets, in display order.
/// Counts are doubles because path-level input may carry fractional counts.
public struct ProfileHistogram: Sendable, Equatable {
    public struct Bucket: Sendable, Equatable {
        public var label: String
        public var count: Double
        public init(label: String, count: Double) {
            self.label = label
            self.count = count
        }
    }

    public var buckets: [Bucket]

    public init(labels: [String]) { buckets = labels.map { Bucket(label: $0, count: 0) } }

    public var total: Double { buckets.reduce(0) { $0 + $1.count } }

    public var labels: [String] { buckets.map(\.label) }
    public var counts: [Double] { buckets.map(\.count) }

    mutating func add(_ count: Double, toBucket k: Int) { buckets[k].count += count }
}

/// Journey length in touches: 1 … 9 each on their own, then everything longer in `10+`,
/// so the long tail of a few very long journeys does not flatten the chart.
public enum JourneyLengthBuckets {
    public static let labels = (1...9).map(String.init) + ["10+"]

    /// Bucket of a journey with `touches` touches (at least one).
    public static func bucket(touches: Int) -> Int { min(max(touches, 1), 10) - 1 }
}

/// Time from a journey's first touch to its conversion. The edges follow how
/// campaigns are planned (same hour, same day, the week, the fortnight, the month).
public enum TimeToConversionBuckets {
    public static let labels = ["< 1 h", "1–24 h", "1–3 d", "3–7 d", "7–14 d", "14–30 d", "30 d+"]

    static let hour: Int64 = 3_600_000
    static let day: Int64 = 24 * hour
    /// Upper edges (exclusive) of every bucket but the last, in milliseconds.
    public static let upperEdges: [Int64] = [hour, day, 3 * day, 7 * day, 14 * day, 30 * day]

    public static func bucket(milliseconds: Int64) -> Int {
        upperEdges.firstIndex { milliseconds < $0 } ?? upperEdges.count
    }
}
