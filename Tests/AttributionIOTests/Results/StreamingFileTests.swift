import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

@Suite struct StreamingFileTests {
    /// A write that takes at most 7 bytes a call and is interrupted every third call.
    @Test func shortAndInterruptedWritesAreCarriedToCompletion() throws {
        try withTempDir { dir in
            let path = dir.appendingPathComponent("out.csv").path
            var calls = 0
            let file = try StreamingFile(path: path) { fd, p, n in
                calls += 1
                if calls % 3 == 0 {
                    errno = EINTR
                    return -1
                }
                return Glibc.write(fd, p, min(n, 7))
            }
            let pieces = (0..<50).map { i in Array("row \(i) with some text\n".utf8) }
            for piece in pieces { try file.append(piece) }
            #expect(!FileManager.default.fileExists(atPath: path), "nothing under the final name before commit")
            try file.commit()
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(pieces.flatMap { $0 }))
            #expect(calls > pieces.flatMap { $0 }.count / 7)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
        }
    }

    /// A full disk part-way: a clear error naming the file and how far it got, the
    /// old file untouched, no temporary file left behind.
    @Test func aFailedWriteLeavesTheOldFileAndNoTemporary() throws {
        try withTempDir { dir in
            let path = dir.appendingPathComponent("out.csv").path
            try Data("old results\n".utf8).write(to: URL(fileURLWithPath: path))
            var written = 0
            let file = try StreamingFile(path: path) { fd, p, n in
                if written >= 100 {
                    errno = ENOSPC
                    return -1
                }
                let k = Glibc.write(fd, p, min(n, 100 - written))
                written += k
                return k
            }
            try file.append(Array(repeating: UInt8(ascii: "a"), count: 60))
            let error = #expect(throws: InputError.self) { try file.append(Array(repeating: UInt8(ascii: "b"), count: 60)) }
            #expect(
                error?.file == path && error?.message.contains("after 100 bytes") == true && error?.message.contains("No space") == true,
                "\(String(describing: error))")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old results\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
        }
    }
}
