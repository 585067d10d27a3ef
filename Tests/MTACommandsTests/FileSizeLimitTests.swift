import Foundation
import Testing

/// A full disk, as a user meets it, through a file-size limit (`ulimit -f`): a clear
/// error and the previous results left as they were.
@Suite struct FileSizeLimitTests {
    func limited(_ cli: CommandRunner, kilobytes: Int, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "ulimit -f \(kilobytes) && exec \"$0\" \"$@\"", CommandRunner.binary.path] + arguments
        process.currentDirectoryURL = cli.folder
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func generateOverTheLimitFailsClearlyAndKeepsTheOldFile() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("sample.csv", "old\n")
        let r = try limited(cli, kilobytes: 64, ["generate", "--users", "5000", "--out", "sample.csv"])
        #expect(r.status != 0 && r.stderr.contains("sample.csv") && r.stderr.contains("File too large"), "\(r.status) \(r.stderr)")
        #expect(try cli.read("sample.csv") == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func attributeOverTheLimitKeepsThePreviousResults() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["generate", "--users", "5000", "--seed", "2", "--out", "e.csv"]).status == 0)
        #expect(
            try cli.run(["attribute", "e.csv", "--conversion-event", "purchase", "--models", "last-touch", "--out", "res"]).status == 0)
        let before = try cli.read("res/attribution.csv")
        // paths.csv (tens of kB here) does not fit under the limit; attribution.csv would.
        let r = try limited(
            cli, kilobytes: 8,
            [
                "attribute", "e.csv", "--conversion-event", "purchase", "--models", "first-touch",
                "--write-paths", "--out", "res",
            ])
        #expect(r.status != 0 && r.stderr.contains("File too large"), "\(r.status) \(r.stderr)")
        #expect(try cli.read("res/attribution.csv") == before)
        #expect(!cli.exists("res/paths.csv"))
    }
}
