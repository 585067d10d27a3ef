import AttributionCore
import AttributionIO
import Foundation
import Testing

@testable import MTACommands

/// `mta sql`: flags reach the push-down generator unchanged, and bad values stop it.
@Suite struct SQLCommandTests {
    static let flags = [
        "sql", "--dialect", "sqlite", "--table", "main.events", "--conversion-event", "it's done",
        "--value-column", "revenue", "--user-column", "User Id", "--tiebreak-column", "row_id",
        "--journey", "every-conversion", "--lookback-days", "14", "--top-channels", "6",
        "--path-transform", "frequency", "--max-path-length", "4",
        "--remove-if-not-all", "direct", "--remove-if-not-all", "display",
        "--remove-if-last-and-not-all", "organic",
    ]

    static var expectedOptions: JourneyOptions {
        JourneyOptions(
            rule: .everyConversion, lookbackDays: 14, topChannels: 6,
            transforms: PathTransforms(
                kind: .frequency, maxPathLength: 4,
                removeIfNotAll: ["direct", "display"], removeIfLastAndNotAll: ["organic"]))
    }

    @Test func flagsBecomeTheSourceAndJourneyOptions() throws {
        let command = try #require(try MTA.parseAsRoot(Self.flags) as? SQLCommand)
        #expect(command.journeys.options == Self.expectedOptions)
        let source = command.events.source
        #expect(source.relation == .table("main.events"))
        #expect(source.columns.conversion == .event("it's done"))
        #expect(source.columns.userColumn == "User Id" && source.columns.valueColumn == "revenue")
        #expect(source.tiebreakColumn == "row_id")
    }

    @Test func collapseRepeatsStillMeansExposureAndClashesWithAnotherKind() throws {
        let plain = try #require(
            try MTA.parseAsRoot([
                "sql", "--dialect", "duckdb", "--table", "t", "--conversion-event", "p",
                "--collapse-repeats",
            ]) as? SQLCommand)
        #expect(plain.journeys.options.transforms.kind == .exposure)
        #expect(throws: (any Error).self) {
            try MTA.parseAsRoot([
                "sql", "--dialect", "duckdb", "--table", "t", "--conversion-event", "p",
                "--collapse-repeats", "--path-transform", "first",
            ])
        }
        #expect(throws: (any Error).self) {
            try MTA.parseAsRoot(["sql", "--dialect", "duckdb", "--table", "t", "--conversion-event", "p", "--max-path-length", "0"])
        }
    }

    @Test func theBinaryPrintsTheGeneratorsQuery() throws {
        let runner = try CommandRunner()
        defer { runner.remove() }
        let out = try runner.run(Array(Self.flags))
        #expect(out.status == 0, "\(out.stderr)")
        var columns = EventInputOptions(conversion: .event("it's done"))
        columns.valueColumn = "revenue"
        columns.userColumn = "User Id"
        let source = EventRelation(relation: .table("main.events"), columns: columns, tiebreakColumn: "row_id")
        let expected = try PathPushDown.query(source, journeys: Self.expectedOptions, dialect: .sqlite)
        #expect(out.stdout == expected + "\n")
    }

    @Test func anUnsafeIdentifierStopsWithTheFlagNamed() throws {
        let runner = try CommandRunner()
        defer { runner.remove() }
        let out = try runner.run([
            "sql", "--dialect", "postgres", "--table", "events", "--conversion-event", "p",
            "--event-column", "event\"; DROP TABLE users; --",
        ])
        #expect(out.status == 2)
        #expect(out.stderr.contains("--event-column"))
        #expect(out.stdout.isEmpty)
    }
}
