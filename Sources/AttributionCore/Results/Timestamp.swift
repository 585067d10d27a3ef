import Foundation

/// The one way result files, logs and settings write an instant: ISO 8601 in UTC
/// with milliseconds (`2026-11-23T04:15:00.000Z`).
public enum Timestamp {
    public static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    /// An instant in milliseconds since the epoch.
    public static func iso(ms: Int64) -> String { iso(Date(timeIntervalSince1970: Double(ms) / 1000)) }
}
