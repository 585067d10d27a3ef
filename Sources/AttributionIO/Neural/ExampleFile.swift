import AttributionCore
import Foundation

/// `.mtax`: the distinct windows `mta extract` made, with their counts.
///
/// In a `FramedFile` (`MTAX`): per window its `days` masks (UInt64 each), then every
/// window's positive count (Int64), then every negative count (Int64). The header's
/// window count fixes the body's length.
public struct ExampleFile: Sendable, Equatable {
    public static let version: UInt32 = 1
    static let frame = FramedFile(
        signature: "MTAX", version: version, kind: "an examples file made by `mta extract`",
        remedy: "extract the events again")

    public struct Header: Codable, Sendable, Equatable {
        /// Channel names by id (bit c of a mask is `channels[c]`).
        public var channels: [String]
        public var lookbackDays: Int
        /// `at-risk` or `td-mta`.
        public var negatives: String
        /// How conversions were read: `event:NAME` or `column:NAME`.
        public var conversion: String
        public var windows: Int
        public var positives: Int64
        public var negativeExamples: Int64
        public var users: Int
        public var events: Int
        /// Where the events came from, and their content digest when a file.
        public var source: String
        public var sourceDigest: String?

        public init(
            channels: [String], lookbackDays: Int, negatives: String, conversion: String, windows: Int,
            positives: Int64, negativeExamples: Int64, users: Int, events: Int, source: String, sourceDigest: String?
        ) {
            self.channels = channels
            self.lookbackDays = lookbackDays
            self.negatives = negatives
            self.conversion = conversion
            self.windows = windows
            self.positives = positives
            self.negativeExamples = negativeExamples
            self.users = users
            self.events = events
            self.source = source
            self.sourceDigest = sourceDigest
        }
    }

    public var header: Header
    public var counts: WindowCounts

    public init(header: Header, counts: WindowCounts) {
        self.header = header
        self.counts = counts
    }

    public func encoded() throws -> Data {
        try Self.frame.encode(header, bodyBytes: counts.count * (counts.days * 8 + 16)) { data in
            counts.windows.dayMasks.withUnsafeBytes { data.append(contentsOf: $0) }
            counts.positives.withUnsafeBytes { data.append(contentsOf: $0) }
            counts.negatives.withUnsafeBytes { data.append(contentsOf: $0) }
        }
    }

    /// Written under a temporary name, then renamed.
    public func write(to path: String) throws {
        try writeFileAtomically(try encoded(), to: path)
    }

    public static func read(path: String) throws -> ExampleFile {
        let file = try MappedFile(path: path)
        return try decode(UnsafeRawBufferPointer(file.bytes), path: path)
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, path: String) throws -> ExampleFile {
        func fail(_ message: String) -> InputError { InputError(file: path, message: message) }
        let (header, body) = try frame.decode(bytes, path: path, as: Header.self) { header in
            guard header.lookbackDays >= 1, header.windows >= 0,
                (1...NetworkShape.maximumChannels).contains(header.channels.count)
            else {
                throw fail("damaged header: lookback \(header.lookbackDays), \(header.channels.count) channels, \(header.windows) windows")
            }
            return header.windows * (header.lookbackDays * 8 + 16)
        }
        let days = header.lookbackDays, n = header.windows
        var offset = body
        func load<T: FixedWidthInteger>(_ count: Int, _: T.Type) -> [T] {
            let out = (0..<count).map {
                T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + $0 * MemoryLayout<T>.size, as: T.self))
            }
            offset += count * MemoryLayout<T>.size
            return out
        }
        let masks = load(n * days, UInt64.self)
        let positives = load(n, Int64.self), negatives = load(n, Int64.self)
        let valid = header.channels.count == 64 ? UInt64.max : (UInt64(1) << UInt64(header.channels.count)) - 1
        guard masks.allSatisfy({ $0 & ~valid == 0 }) else {
            throw fail("damaged: a window names a channel beyond the header's \(header.channels.count)")
        }
        guard positives.allSatisfy({ $0 >= 0 }), negatives.allSatisfy({ $0 >= 0 }) else { throw fail("damaged: a negative count") }
        // Counts of repeated windows are summed before the repeat is refused: no total may overflow.
        func fits(_ counts: [Int64]) -> Bool {
            var total: Int64 = 0, overflow = false
            for c in counts where !overflow { (total, overflow) = total.addingReportingOverflow(c) }
            return !overflow
        }
        guard fits(positives), fits(negatives) else { throw fail("damaged: the counts add up to more than 2^63") }
        do {
            let counts = try WindowCounts(
                windows: WindowBatch(days: days, channels: header.channels.count, dayMasks: masks),
                positives: positives, negatives: negatives)
            return ExampleFile(header: header, counts: counts)
        } catch {
            throw fail("damaged: \(error)")
        }
    }

}

extension JSONEncoder {
    static var sortedKeys: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
