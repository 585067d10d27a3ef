import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

@Suite struct OutputStagingTests {
    static func listing(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func commitPublishesOnlyTheFinalFiles() throws {
        try withTempDir { dir in
            let out = dir.appendingPathComponent("results/run 1", isDirectory: true)  // created on commit
            var staging = OutputStaging(directory: out)
            staging.add("attribution.csv", "model,channel\n")
            staging.add("attribution.json", Data("{}\n".utf8))
            staging.add("markov_transitions.csv", "")
            #expect(staging.names == ["attribution.csv", "attribution.json", "markov_transitions.csv"])
            try staging.commit()
            #expect(try Self.listing(out) == ["attribution.csv", "attribution.json", "markov_transitions.csv"])
            #expect(try String(contentsOf: out.appendingPathComponent("attribution.csv"), encoding: .utf8) == "model,channel\n")
            #expect(try Data(contentsOf: out.appendingPathComponent("attribution.json")) == Data("{}\n".utf8))
            #expect(try Data(contentsOf: out.appendingPathComponent("markov_transitions.csv")).isEmpty)

            // A second commit replaces the files in place.
            var again = OutputStaging(directory: out)
            again.add("attribution.csv", "new\n")
            try again.commit()
            #expect(try Self.listing(out) == ["attribution.csv", "attribution.json", "markov_transitions.csv"])
            #expect(try String(contentsOf: out.appendingPathComponent("attribution.csv"), encoding: .utf8) == "new\n")
        }
    }

    @Test func outputFolderThatIsARegularFileFailsCleanly() throws {
        try withTempDir { dir in
            let blocker = dir.appendingPathComponent("out")
            try Data("keep me".utf8).write(to: blocker)
            var staging = OutputStaging(directory: blocker)
            staging.add("attribution.csv", "x\n")
            let e = inputError { try staging.commit() }
            #expect(e?.file == blocker.path)
            #expect(e?.message.contains("cannot create the output folder") == true)
            #expect(try Self.listing(dir) == ["out"])
            #expect(try Data(contentsOf: blocker) == Data("keep me".utf8))
        }
    }

    @Test func failedRenameRemovesEveryTemporaryFile() throws {
        try withTempDir { dir in
            // A non-empty folder where the first file should go: its rename must fail.
            let taken = dir.appendingPathComponent("attribution.csv")
            try FileManager.default.createDirectory(at: taken, withIntermediateDirectories: false)
            try Data().write(to: taken.appendingPathComponent("inside"))
            var staging = OutputStaging(directory: dir)
            staging.add("attribution.csv", "x\n")
            staging.add("attribution.json", "{}\n")
            let e = inputError { try staging.commit() }
            #expect(e?.file == taken.path)
            #expect(e?.message.contains("cannot rename") == true)
            #expect(try Self.listing(dir) == ["attribution.csv"])
            #expect(try Self.listing(taken) == ["inside"])
        }
    }

    @Test func writeFileAtomicallyLeavesNoTemporaryFile() throws {
        try withTempDir { dir in
            let path = dir.appendingPathComponent("one.csv").path
            try writeFileAtomically(Data("a\n".utf8), to: path)
            #expect(try Self.listing(dir) == ["one.csv"])
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\n")
            let blocked = dir.appendingPathComponent("one.csv/two.csv").path  // parent is a file
            #expect(inputError { try writeFileAtomically(Data("b\n".utf8), to: blocked) } != nil)
            #expect(try Self.listing(dir) == ["one.csv"])
        }
    }
}
