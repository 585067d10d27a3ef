import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// One identifier rule for every route: a column whose name the push-down takes
/// (here `user id`, with a space) is taken by the paged event reads too, and both
/// routes give the CSV's credits (issue #19).
@Suite struct ColumnNameRuleTests {
    static let spaced = "user id"

    static var options: EventInputOptions {
        var o = WarehouseSourceFixture.options
        o.userColumn = spaced
        return o
    }

    /// The CSV's credits: every model, and the path-level ones alone.
    static func expected(_ dir: URL, _ events: EventTable, _ journeys: JourneyOptions) async throws -> (
        csv: String, all: [String: (Double, Double)], paths: [String: (Double, Double)]
    ) {
        let csv = try WarehouseSourceFixture.csv(events, in: dir)
        let (all, _) = try await WarehouseSourceFixture.credits(
            CSVEventSource(path: csv, options: WarehouseSourceFixture.options),
            models: WarehouseSourceFixture.allModels, journeys: journeys)
        return (csv, all, all.filter { !$0.key.hasPrefix("time-decay/") })
    }

    /// Reads `source` by both routes and checks each against the CSV.
    static func checkBothRoutes(
        _ source: any AttributionSource, all: [String: (Double, Double)], paths: [String: (Double, Double)],
        journeys: JourneyOptions
    ) async throws {
        let (events, eventsFormat) = try await WarehouseSourceFixture.credits(
            source, models: WarehouseSourceFixture.allModels, journeys: journeys)
        #expect(eventsFormat == "events")
        #expect(WarehouseSourceFixture.difference(events, all) == nil, "\(WarehouseSourceFixture.difference(events, all) ?? "")")
        let (pushed, pushedFormat) = try await WarehouseSourceFixture.credits(
            source, models: WarehouseSourceFixture.pathModels, journeys: journeys)
        #expect(pushedFormat == "paths")
        #expect(WarehouseSourceFixture.difference(pushed, paths) == nil, "\(WarehouseSourceFixture.difference(pushed, paths) ?? "")")
        let shared = events.filter { paths[$0.key] != nil }
        #expect(WarehouseSourceFixture.difference(shared, pushed) == nil, "\(WarehouseSourceFixture.difference(shared, pushed) ?? "")")
    }

    @Test func aSQLiteUserColumnWithASpaceReadsAlikeByEventsAndPushDown() async throws {
        try await withTempDirAsync { dir in
            let journeys = JourneyOptions(rule: .everyConversion, lookbackDays: 10, topChannels: 8)
            let (csv, all, paths) = try await Self.expected(dir, WarehouseSourceFixture.events(users: 300), journeys)
            let db = dir.appendingPathComponent("w.db").path
            _ = try SQLiteEventImport.run(csv: csv, options: WarehouseSourceFixture.options, database: db, table: "events", mode: .refuse)
            try SQLiteDatabase(path: db, mode: .readWrite).execute(#"ALTER TABLE events RENAME COLUMN user_id TO "user id""#)
            let source = SQLiteSource(path: db, relation: .table("events"), options: Self.options)
            try await Self.checkBothRoutes(source, all: all, paths: paths, journeys: journeys)
        }
    }

    @Test(.enabled(if: TestPostgres.available, "needs MTA_TEST_POSTGRES_URL (scripts/test.sh)"))
    func aPostgresUserColumnWithASpaceReadsAlikeByEventPagesAndPushDown() async throws {
        try await withTempDirAsync { dir in
            let journeys = JourneyOptions(rule: .everyConversion, lookbackDays: 10, topChannels: 8)
            let (csv, all, paths) = try await Self.expected(dir, WarehouseSourceFixture.events(users: 300), journeys)
            let (read, _) = try EventCSVReader.read(path: csv, options: WarehouseSourceFixture.options)
            let table = try await WarehouseSourceFixture.postgresTable(read)
            try await TestPostgres.execute(#"ALTER TABLE \#(table) RENAME COLUMN user_id TO "user id""#)
            var source = PostgresSource(url: try TestPostgres.url(), relation: .table(table), options: Self.options, dialect: .postgres)
            source.pages = 3
            try await Self.checkBothRoutes(source, all: all, paths: paths, journeys: journeys)
            try await TestPostgres.execute("DROP TABLE \(table)")
        }
    }

    /// Names we create keep the strict rule, naming the setting and the value.
    @Test func createdNamesKeepTheStrictRule() throws {
        #expect(
            throws: SQLTextError(
                setting: "--table", value: "my events",
                reason: "must be letters, digits and _ (not starting with a digit, at most 63 bytes)")
        ) {
            try SQLText.createdRelation("my events", setting: "--table", dialect: .sqlite)
        }
        #expect(try SQLText.createdRelation("main.events", setting: "--table", dialect: .sqlite) == #""main"."events""#)
        #expect(try SQLText.column(Self.spaced, setting: "--user-column", dialect: .postgres) == #""user id""#)
    }
}
