import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// Inputs `scripts/fuzz.sh example-file` found breaking the reader's promise (a file, or an
/// `InputError` naming the file with a reason).
@Suite struct ExampleFileFuzzRegressionTests {
    /// A repeated window whose counts summed past Int64.max trapped (arithmetic overflow)
    /// before the repeat was refused.
    @Test func countsThatOverflowWhenSummedAreRefused() throws {
        let header = ExampleFile.Header(
            channels: ["a"], lookbackDays: 1, negatives: "at-risk", conversion: "event:purchase",
            windows: 2, positives: 0, negativeExamples: 0, users: 1, events: 1,
            source: "e.csv", sourceDigest: nil)
        let data = try ExampleFile.frame.encode(header, bodyBytes: 32) { data in
            for v: UInt64 in [1, 1] { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
            for v: Int64 in [.max, .max, 0, 0] { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        }
        let e = inputError { _ = try data.withUnsafeBytes { try ExampleFile.decode($0, path: "e.mtax") } }
        #expect(e?.file == "e.mtax" && e?.message.contains("2^63") == true, "\(String(describing: e))")
    }
}
