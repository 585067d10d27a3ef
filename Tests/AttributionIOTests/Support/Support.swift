import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// A fresh folder under the system temporary directory, removed when `body` returns.
func withTempDir<R>(_ body: (URL) throws -> R) throws -> R {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("mta-io-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    return try body(dir)
}

/// Writes `text` byte for byte (no newline translation) and returns the path.
@discardableResult
func writeFile(_ dir: URL, _ name: String, _ text: String) throws -> String {
    try writeFile(dir, name, Array(text.utf8))
}

@discardableResult
func writeFile(_ dir: URL, _ name: String, _ bytes: [UInt8]) throws -> String {
    let url = dir.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

/// One event row as the tests think of it: dense user id, channel name (nil for a
/// conversion row that is not a touch), milliseconds, conversion flag, revenue.
struct EventRow: Equatable, CustomStringConvertible {
    var user: Int32
    var channel: String?
    var time: Int64
    var conversion: Bool
    var value: Double

    init(_ user: Int32, _ channel: String?, _ time: Int64, _ conversion: Bool = false, _ value: Double = 0) {
        self.user = user
        self.channel = channel
        self.time = time
        self.conversion = conversion
        self.value = value
    }

    var description: String {
        "(u\(user), \(channel.map { "'\($0)'" } ?? "nil"), \(time), \(conversion), \(value))"
    }
}

extension EventTable {
    var rows: [EventRow] {
        (0..<count).map { i in
            EventRow(user[i], channel[i] < 0 ? nil : channels[channel[i]], time[i], isConversion[i], value[i])
        }
    }
}

/// The error a throwing call produced, if it is an `InputError` (records an issue otherwise).
func inputError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> InputError? {
    do {
        try body()
        Issue.record("expected an InputError, nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let e as InputError {
        return e
    } catch {
        Issue.record("expected an InputError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// 2024-01-01T00:00:00Z, a well-known epoch fact.
let jan1_2024: Int64 = 1_704_067_200_000
let hourMs: Int64 = 3_600_000
let dayMs: Int64 = 86_400_000

/// Nil when the rows are equal, else where and how they first differ (a short message
/// instead of a dump of two huge arrays).
func firstDifference(_ actual: [EventRow], _ expected: [EventRow]) -> String? {
    for i in 0..<min(actual.count, expected.count) where actual[i] != expected[i] {
        return "row \(i): got \(actual[i]), expected \(expected[i])"
    }
    return actual.count == expected.count ? nil : "got \(actual.count) rows, expected \(expected.count)"
}
