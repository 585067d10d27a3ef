import Foundation
import Testing

@testable import AttributionIO

/// A file past 4 GiB written piece by piece and mapped back whole. `mta generate
/// --users 10000000` once wrote one 9.7 GB `Data` in a single write: past 2 GiB the
/// bytes started over from the file's beginning. Here every 4 KiB page starts with its
/// own offset, so a page written twice, late or at the wrong place is found. The first
/// piece is one append of more than 2 GiB (one `write(2)` moves at most 2 GiB − 4 KiB).
@Suite(.serialized) struct LargeStreamingFileTests {
    static let size = (4 << 30) + (3 << 20) + 1_234
    static let firstPiece = (2 << 30) + (5 << 20)
    static let piece = 64 << 20
    static let page = 4_096

    /// Free bytes under `path` (the test needs the file twice over to be safe).
    static func freeBytes(_ path: String) -> Int {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return 0 }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    @Test(.enabled(if: freeBytes(NSTemporaryDirectory()) > 2 * size, "needs about 9 GB of free disk"))
    func aFileOverFourGiBIsWrittenAndReadBackWhole() throws {
        try withTempDir { dir in
            let path = dir.appendingPathComponent("large.csv").path
            let file = try StreamingFile(path: path)
            var buffer = [UInt8](repeating: UInt8(ascii: "x"), count: Self.firstPiece)
            var offset = 0
            while offset < Self.size {
                let count = min(offset == 0 ? Self.firstPiece : Self.piece, Self.size - offset)
                buffer.withUnsafeMutableBytes { raw in
                    for p in stride(from: 0, to: count, by: Self.page) where p + 8 <= count {
                        raw.storeBytes(of: UInt64(offset + p).littleEndian, toByteOffset: p, as: UInt64.self)
                    }
                }
                try buffer.withUnsafeBytes { try file.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                offset += count
            }
            #expect(file.bytesWritten == Self.size)
            try file.commit()

            let mapped = try MappedFile(path: path)
            #expect(mapped.bytes.count == Self.size)
            let raw = UnsafeRawBufferPointer(mapped.bytes)
            var wrong: [Int] = []
            for p in stride(from: 0, to: Self.size - 8, by: Self.page) {
                let stored = Int(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)))
                if stored != p && wrong.count < 5 { wrong.append(p) }
            }
            #expect(wrong.isEmpty, "pages holding another offset than their own, first at \(wrong)")
            #expect(raw[Self.size - 1] == UInt8(ascii: "x") && raw[(2 << 30) + 8] == UInt8(ascii: "x"))
        }
    }
}
