import Foundation
import Testing

/// `mta --version`: the release and the commit stamped in at build time.
@Suite struct VersionCommandTests {
    /// The package's folder: this file is Tests/MTACommandsTests/VersionCommandTests.swift.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `git rev-parse --short HEAD` in the package's folder, nil outside a git checkout.
    static func checkoutCommit() throws -> String? {
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", packageRoot.path, "rev-parse", "--short", "HEAD"]
        let out = Pipe()
        git.standardOutput = out
        git.standardError = FileHandle.nullDevice
        try git.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        git.waitUntilExit()
        return git.terminationStatus == 0 ? text.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    @Test func versionNamesTheCommitTheBinaryWasBuiltFrom() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let out = try cli.run(["--version"])
        #expect(out.status == 0, "\(out.stderr)")
        let line = out.stdout.trimmingCharacters(in: .newlines)
        #expect(line.range(of: #"^mta \d+\.\d+\.\d+ \(commit [0-9a-z]+\)$"#, options: .regularExpression) != nil, "\(line)")
        // Built from this checkout (as `swift build && swift test` does): its HEAD.
        let expected = try Self.checkoutCommit() ?? "unknown"
        #expect(line.hasSuffix("(commit \(expected))"), "\(line) vs HEAD \(expected)")
    }
}
