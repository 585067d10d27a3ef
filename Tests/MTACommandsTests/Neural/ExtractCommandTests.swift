import AttributionCore
import AttributionIO
import Foundation
import Testing

/// `mta extract` as a user runs it: a file that reads back with the counts the
/// events imply, and one-line errors for bad input.
@Suite struct ExtractCommandTests {
    @Test func extractWritesTheWindowsOfTheEvents() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["generate", "--users", "2000", "--seed", "3", "--out", "events.csv"]).status == 0)
        let run = try cli.run([
            "extract", "events.csv", "--conversion-event", "purchase", "--lookback-days", "5",
            "--users-per-page", "300", "--out", "examples.mtax",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("distinct windows"))
        let file = try ExampleFile.read(path: cli.path("examples.mtax"))
        let (events, _) = try EventCSVReader.read(path: cli.path("events.csv"), options: EventInputOptions(conversion: .event("purchase")))
        #expect(file.header.lookbackDays == 5 && file.header.negatives == "at-risk")
        #expect(file.header.channels == events.channels.names)
        #expect(file.header.users == events.userCount && file.header.events == events.count)
        #expect(file.header.positives == Int64(events.conversionCount) && file.counts.totalPositives == file.header.positives)
        #expect(file.header.sourceDigest == InputDigest.of(path: cli.path("events.csv")))
        // The same windows as the core computes in process, whatever the page size.
        #expect(file.counts == WindowExtractor.extract(events, options: ExtractOptions(lookbackDays: 5)))

        let td = try cli.run(["extract", "events.csv", "--conversion-event", "purchase", "--negatives", "td-mta", "--out", "td.mtax"])
        #expect(td.status == 0, "\(td.stderr)")
        let tdFile = try ExampleFile.read(path: cli.path("td.mtax"))
        #expect(tdFile.header.negatives == "td-mta" && tdFile.counts.totalNegatives < file.counts.totalNegatives)
    }

    @Test func badInputIsOneLineAndExitStatusTwo() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try cli.write("bad.csv", "user_id,event,timestamp\nu1,email,2024-01-01\nu1,purchase,yesterday\n")
        let bad = try cli.run(["extract", "bad.csv", "--conversion-event", "purchase"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.csv") && bad.stderr.contains("yesterday"), "\(bad.stderr)")
        #expect(!cli.exists("examples.mtax"))

        // More channels than a window holds: the error says what to do.
        var rows = "user_id,event,timestamp\n"
        for c in 0..<70 { rows += "u\(c),ch\(c),2024-01-01\n" }
        rows += "u1,purchase,2024-01-02\n"
        try cli.write("wide.csv", rows)
        let wide = try cli.run(["extract", "wide.csv", "--conversion-event", "purchase"])
        #expect(wide.status == 2 && wide.stderr.contains("--top-channels"), "\(wide.stderr)")
        let folded = try cli.run(["extract", "wide.csv", "--conversion-event", "purchase", "--top-channels", "10", "--out", "w.mtax"])
        #expect(folded.status == 0, "\(folded.stderr)")
        #expect(try ExampleFile.read(path: cli.path("w.mtax")).header.channels.count == 11)

        let noRule = try cli.run(["extract", "wide.csv"])
        #expect(noRule.status != 0 && noRule.stderr.contains("--conversion-event"))
    }
}
