import AttributionCore
import Foundation

/// The frame the neural model's files share (little-endian): a 4-byte signature,
/// the format version (UInt32), the header length (UInt32), the header as JSON,
/// a body whose length the header fixes, and a 4-byte trailer. A file of another
/// version, cut short, padded or without its trailer is refused before its body is read.
struct FramedFile {
    let signature: String
    let version: UInt32
    /// What the file is, for errors: "an examples file made by `mta extract`".
    let kind: String
    /// What to do about another version: "extract the events again".
    let remedy: String

    var trailer: [UInt8] { Array(signature.utf8.reversed()) }

    func encode<Header: Encodable>(_ header: Header, bodyBytes: Int, body: (inout Data) -> Void) throws -> Data {
        let json = try JSONEncoder.sortedKeys.encode(header)
        var data = Data(signature.utf8)
        data.reserveCapacity(16 + json.count + bodyBytes)
        withUnsafeBytes(of: version.littleEndian) { data.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        body(&data)
        data.append(contentsOf: trailer)
        return data
    }

    /// The header and the body's offset; `bodyBytes` says how long the header makes
    /// the body (it throws `InputError`s for a header that cannot be right).
    func decode<Header: Decodable>(
        _ bytes: UnsafeRawBufferPointer, path: String, as _: Header.Type,
        bodyBytes: (Header) throws -> Int
    ) throws -> (Header, Int) {
        func fail(_ message: String) -> InputError { InputError(file: path, message: message) }
        guard bytes.count >= 12, Array(bytes[0..<4]) == Array(signature.utf8) else {
            throw fail("not \(kind) (no \(signature) signature)")
        }
        let found = bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian
        guard found == version else { throw fail("format version \(found); this mta reads version \(version) (\(remedy))") }
        let headerLength = Int(bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian)
        guard 12 + headerLength <= bytes.count else { throw fail("truncated: the header is cut short") }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(bytes[12..<(12 + headerLength)])) } catch {
            throw fail("damaged header: \(error)")
        }
        let expected = 12 + headerLength + (try bodyBytes(header)) + trailer.count
        guard bytes.count == expected else {
            throw fail(
                bytes.count < expected
                    ? "truncated: \(bytes.count) bytes, the header promises \(expected)"
                    : "\(bytes.count - expected) bytes more than the header promises; not \(kind)")
        }
        guard Array(bytes[(expected - trailer.count)..<expected]) == trailer else {
            throw fail("damaged: no \(String(decoding: trailer, as: UTF8.self)) trailer")
        }
        return (header, 12 + headerLength)
    }
}
