import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// `.mtax` files read back exactly, and damaged ones are refused with a clear reason.
@Suite struct ExampleFileTests {
    static func sample() -> ExampleFile {
        var config = SyntheticTouchpoints.Config(users: 400)
        config.seed = 4
        let events = SyntheticTouchpoints.generate(config)
        let counts = WindowExtractor.extract(events, options: ExtractOptions(lookbackDays: 5))
        let header = ExampleFile.Header(
            channels: events.channels.names, lookbackDays: 5, negatives: "at-risk",
            conversion: "event:purchase", windows: counts.count, positives: counts.totalPositives,
            negativeExamples: counts.totalNegatives, users: events.userCount, events: events.count,
            source: "sample.csv", sourceDigest: "fnv64:0:0")
        return ExampleFile(header: header, counts: counts)
    }

    @Test func aFileReadsBackAsWritten() throws {
        try withTempDir { dir in
            let file = Self.sample()
            let path = dir.appendingPathComponent("e.mtax").path
            try file.write(to: path)
            let back = try ExampleFile.read(path: path)
            #expect(back == file)
            #expect(back.counts.count > 10 && back.counts.totalPositives > 0)
            // Nothing but the file: no temporary left behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["e.mtax"])
        }
    }

    @Test func damagedFilesAreRefusedNamingTheFileAndTheReason() throws {
        try withTempDir { dir in
            let data = [UInt8](try Self.sample().encoded())
            func error(_ bytes: [UInt8]) -> InputError? {
                let path = dir.appendingPathComponent("bad.mtax").path
                _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
                return inputError { _ = try ExampleFile.read(path: path) }
            }
            #expect(error(Array(data.dropLast(9)))?.message.contains("truncated") == true)
            #expect(error(Array(data.prefix(20)))?.message.contains("truncated") == true)
            #expect(error(data + [0])?.message.contains("more than") == true)
            var version = data
            version[4] = 2
            #expect(error(version)?.message.contains("version 2") == true)
            #expect(error(Array("user_id,event\n".utf8))?.message.contains("MTAX") == true)
            #expect(error([])?.message.contains("MTAX") == true)
            // A mask bit beyond the channels (a flipped byte in the body).
            var flipped = data
            let headerLength = Int(data[8]) | Int(data[9]) << 8
            flipped[12 + headerLength + 7] = 0x80
            #expect(error(flipped)?.message.contains("damaged") == true)
        }
    }
}
