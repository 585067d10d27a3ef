import AttributionCore
import Foundation

/// `run.json`: what a scheduled run did — settings, input digest, counts, time
/// per stage, status and error per model — for `mta runs` and for operators.
public enum RunRecord {
    public static let fileName = "run.json"

    public static func json(_ doc: AttributionDocument, finishedAt: Date, inputDigest: String?) -> JSONValue {
        let models: [JSONValue] = doc.outcomes.map { outcome in
            switch outcome {
            case .success(let r): .object([("model", .string(r.model)), ("status", .string("ok"))])
            case .failure(let model, let message):
                .object([("model", .string(model)), ("status", .string("failed")), ("error", .string(SecretMask.mask(message)))])
            }
        }
        let failed = doc.outcomes.contains { if case .failure = $0 { true } else { false } }
        let s = doc.summary
        return .object([
            ("job_id", .string(doc.jobId)),
            ("status", .string(failed ? "partial" : "ok")),
            ("started", .string(Timestamp.iso(doc.runAt))),
            ("finished", .string(Timestamp.iso(finishedAt))),
            ("seconds", .number(finishedAt.timeIntervalSince(doc.runAt))),
            ("source", .string(SecretMask.mask(doc.input))),
            ("format", .string(doc.format)),
            ("input_digest", inputDigest.map { .string($0) } ?? .null),
            ("settings", .object(doc.settings)),
            (
                "counts",
                .object([
                    ("rows", .integer(doc.read.rows)),
                    ("skipped_rows", .integer(doc.read.skippedRows)),
                    ("users", s.users.map { .integer($0) } ?? .null),
                    ("journeys", .number(s.journeys)),
                    ("conversions", .number(s.conversions)),
                    ("distinct_paths", .integer(s.distinctPaths)),
                    ("channels", .integer(s.channels)),
                ])
            ),
            ("timings", .array(doc.timings.map { .object([("stage", .string($0.stage)), ("seconds", .number($0.seconds))]) })),
            ("models", .array(models)),
        ])
    }
}

/// A content digest of an input file: 64-bit FNV-1a over 8-byte words, cheap
/// next to parsing, enough to tell whether two runs read the same bytes.
public enum InputDigest {
    public static func of(path: String) -> String? {
        guard path != "-", let file = try? MappedFile(path: path) else { return nil }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let bytes = file.bytes
        let words = bytes.count / 8
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            for i in 0..<words {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* 0x100_0000_01b3
            }
            for i in (words * 8)..<bytes.count { h = (h ^ UInt64(bytes[i])) &* 0x100_0000_01b3 }
        }
        return "fnv64:" + String(h, radix: 16) + ":\(bytes.count)"
    }
}
