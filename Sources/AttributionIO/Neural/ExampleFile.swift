import AttributionCore
import Foundation

/// `.mtax`: the distinct windows `mta extract` made, with their counts.
///
/// Layout (little-endian): `MTAX`, format version (UInt32), header length (UInt32),
/// the header as JSON, then per window its `days` masks (UInt64 each), then every
/// window's positive count (Int64), then every negative count (Int64), then `XATM`.
/// The header's window count fixes the file's length, so a truncated or padded file
/// is refused before a byte of it is used.
public struct ExampleFile: Sendable, Equatable {
    public static let version: UInt32 = 1
    static let magic = Array("MTAX".utf8), trailer = Array("XATM".utf8)

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

        public init(channels: [String], lookbackDays: Int, negatives: String, conversion: String, windows: Int,
                    positives: Int64, negativeExamples: Int64, users: Int, events: Int, source: String, sourceDigest: String?) {
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
        let json = try JSONEncoder.sortedKeys.encode(header)
        var data = Data(Self.magic)
        data.reserveCapacity(json.count + 16 + counts.count * (counts.days * 8 + 16))
        append(&data, Self.version)
        append(&data, UInt32(json.count))
        data.append(json)
        counts.windows.dayMasks.withUnsafeBytes { data.append(contentsOf: $0) }
        counts.positives.withUnsafeBytes { data.append(contentsOf: $0) }
        counts.negatives.withUnsafeBytes { data.append(contentsOf: $0) }
        data.append(contentsOf: Self.trailer)
        return data
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
        guard bytes.count >= 12, Array(bytes[0..<4]) == magic else {
            throw fail("not an examples file made by `mta extract` (no MTAX signature)")
        }
        let version = bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian
        guard version == Self.version else {
            throw fail("examples file format version \(version); this mta reads version \(Self.version) (extract the events again)")
        }
        let headerLength = Int(bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian)
        guard 12 + headerLength <= bytes.count else { throw fail("truncated: the header is cut short") }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[12..<(12 + headerLength)]))
        } catch {
            throw fail("damaged header: \(error)")
        }
        guard header.lookbackDays >= 1, header.windows >= 0,
              (1...NetworkShape.maximumChannels).contains(header.channels.count) else {
            throw fail("damaged header: lookback \(header.lookbackDays), \(header.channels.count) channels, \(header.windows) windows")
        }
        let days = header.lookbackDays, n = header.windows
        let body = n * (days * 8 + 16)
        let expected = 12 + headerLength + body + trailer.count
        guard bytes.count == expected else {
            throw fail(bytes.count < expected
                ? "truncated: \(bytes.count) bytes, the header promises \(n) windows (\(expected) bytes)"
                : "\(bytes.count - expected) bytes more than the header's \(n) windows; not a file `mta extract` wrote")
        }
        guard Array(bytes[(expected - trailer.count)..<expected]) == trailer else { throw fail("damaged: no XATM trailer") }
        var offset = 12 + headerLength
        func load<T: FixedWidthInteger>(_ count: Int, _: T.Type) -> [T] {
            let out = (0..<count).map { T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + $0 * MemoryLayout<T>.size, as: T.self)) }
            offset += count * MemoryLayout<T>.size
            return out
        }
        let masks = load(n * days, UInt64.self)
        let positives = load(n, Int64.self), negatives = load(n, Int64.self)
        let valid = header.channels.count == 64 ? UInt64.max : (UInt64(1) << UInt64(header.channels.count)) - 1
        guard masks.allSatisfy({ $0 & ~valid == 0 }) else { throw fail("damaged: a window names a channel beyond the header's \(header.channels.count)") }
        guard positives.allSatisfy({ $0 >= 0 }), negatives.allSatisfy({ $0 >= 0 }) else { throw fail("damaged: a negative count") }
        do {
            let counts = try WindowCounts(windows: WindowBatch(days: days, channels: header.channels.count, dayMasks: masks),
                                          positives: positives, negatives: negatives)
            return ExampleFile(header: header, counts: counts)
        } catch {
            throw fail("damaged: \(error)")
        }
    }

    private func append<T: FixedWidthInteger>(_ data: inout Data, _ value: T) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
}

extension JSONEncoder {
    static var sortedKeys: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
