import Foundation
import Testing

/// The path transform flags reach `mta attribute` (event-level input), worked by hand.
@Suite struct PathTransformCommandTests {
    // u1: email, search, email, purchase 10. u2: direct, email, direct, no purchase.
    static let events = """
        user_id,event,timestamp,revenue
        u1,email,2024-01-01,
        u1,search,2024-01-02,
        u1,email,2024-01-03,
        u1,purchase,2024-01-04,10
        u2,direct,2024-01-01,
        u2,email,2024-01-02,
        u2,direct,2024-01-03,

        """

    @Test func frequencyAndRemoveIfLastShapeTheWrittenPaths() throws {
        let runner = try CommandRunner()
        defer { runner.remove() }
        try runner.write("events.csv", Self.events)
        let out = try runner.run([
            "attribute", "events.csv", "--conversion-event", "purchase", "--value-column", "revenue",
            "--models", "first-touch", "--write-paths", "--out", "out",
            "--path-transform", "frequency", "--remove-if-last-and-not-all", "direct",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = try runner.read("out/paths.csv").split(separator: "\n").map(String.init)
        // u1: email search email → email(2) > search(1). u2: direct email direct → (drop the last direct) → direct(1) > email(1).
        #expect(lines.contains { $0.hasPrefix("email(2)>search(1),1,10") })
        #expect(lines.contains { $0.hasPrefix("direct(1)>email(1),0,0") })
        #expect(lines.count == 3)
    }

    @Test func maxPathLengthAndFirstKeepTheLastDistinctChannels() throws {
        let runner = try CommandRunner()
        defer { runner.remove() }
        try runner.write("events.csv", Self.events)
        let out = try runner.run([
            "attribute", "events.csv", "--conversion-event", "purchase", "--models", "first-touch",
            "--write-paths", "--out", "out", "--path-transform", "first", "--max-path-length", "1",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = try runner.read("out/paths.csv").split(separator: "\n").map(String.init)
        // u1: email search → search; u2: direct email → email.
        #expect(lines.contains { $0.hasPrefix("search,1,") })
        #expect(lines.contains { $0.hasPrefix("email,0,") })
    }
}
