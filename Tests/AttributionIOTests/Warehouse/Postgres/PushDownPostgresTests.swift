import AttributionCore
import Foundation
import PostgresNIO
import Testing

@testable import AttributionIO

/// The pushed-down query executed by a real PostgreSQL, compared with the
/// in-process path table by the push-down tests' own comparison.
@Suite(.enabled(if: TestPostgres.available, "needs MTA_TEST_POSTGRES_URL (scripts/test.sh)"))
struct PushDownPostgresTests {
    /// `rows` as a PostgreSQL table with the fixtures' awkward column names; times as TIMESTAMP (UTC).
    static func table(_ rows: WarehouseEvents) async throws -> String {
        let name = TestPostgres.uniqueName("pushdown")
        let c = WarehouseEvents.columnNames.map { "\"\($0)\"" }
        let values: [[any PostgresEncodable & Sendable]] = rows.rows.map { r in
            [r.user, r.event, r.timestamp, r.converted, r.value, r.rowID]
        }
        try await TestPostgres.load(
            name, columns: "\(c[0]) TEXT, \(c[1]) TEXT, \(c[2]) TEXT, \(c[3]) INTEGER, \(c[4]) DOUBLE PRECISION, \(c[5]) INTEGER",
            rows: values)
        // Loaded as text (the fixtures' format), then typed as the warehouse would hold it.
        try await TestPostgres.execute("ALTER TABLE \(name) ALTER COLUMN \(c[2]) TYPE TIMESTAMP USING \(c[2])::timestamp")
        return name
    }

    static func run(_ sql: String) async throws -> [PushedPathRow] {
        try await TestPostgres.rows(
            """
            SELECT "path", CAST("total_conversions" AS DOUBLE PRECISION), CAST("total_conversion_value" AS DOUBLE PRECISION),
                CAST("total_null" AS DOUBLE PRECISION) FROM (\(sql)) AS q
            """
        ).map { r in
            PushedPathRow(
                path: r[0] ?? "<null>", conversions: Double(r[1] ?? "") ?? .nan,
                value: Double(r[2] ?? "") ?? .nan, nulls: Double(r[3] ?? "") ?? .nan)
        }
    }

    @Test func everyRuleTransformLookbackAndTopNMatchesInProcess() async throws {
        let events = PushDownFixtures.events(users: 400, seed: 3)
        let rows = WarehouseEvents(events, conversionEvent: "it's a purchase")
        let table = try await Self.table(rows)
        let source = EventRelation(
            relation: .table(table), columns: rows.columns(conversion: .event("it's a purchase")),
            tiebreakColumn: WarehouseEvents.rowIDColumn)
        for options in pushDownOptionMatrix(removeIfNotAll: ["display, banner", "o'rganic"], removeIfLast: ["direct", "émail"]) {
            let diff = try await pushDownDifference(events: events, source: source, options: options, dialect: .postgres) {
                try await Self.run($0)
            }
            #expect(diff == nil, "\(describe(options)): \(diff ?? "")")
        }
    }

    @Test func aConversionColumnMatchesInProcess() async throws {
        let events = PushDownFixtures.columnEvents(users: 400, seed: 5)
        let rows = WarehouseEvents(events, conversionEvent: "")
        let table = try await Self.table(rows)
        let source = EventRelation(
            relation: .table(table), columns: rows.columns(conversion: .column(WarehouseEvents.conversionColumn)),
            tiebreakColumn: WarehouseEvents.rowIDColumn)
        for options in pushDownOptionMatrix(removeIfNotAll: ["checkout"], removeIfLast: ["checkout", "direct"])
        where options.topChannels == nil {
            let diff = try await pushDownDifference(events: events, source: source, options: options, dialect: .postgres) {
                try await Self.run($0)
            }
            #expect(diff == nil, "\(describe(options)): \(diff ?? "")")
        }
    }

    /// Not vacuous: a different setting's in-process table does not match.
    @Test func theComparisonSeesADifferentSetting() async throws {
        let events = PushDownFixtures.events(users: 300, seed: 4)
        let rows = WarehouseEvents(events, conversionEvent: "purchase")
        let table = try await Self.table(rows)
        let source = EventRelation(
            relation: .table(table), columns: rows.columns(conversion: .event("purchase")),
            tiebreakColumn: WarehouseEvents.rowIDColumn)
        let got = try await Self.run(try PathPushDown.query(source, journeys: JourneyOptions(lookbackDays: 1), dialect: .postgres))
        #expect(got.count > 20)
        #expect(pathTableDifference(expected: inProcessPathTable(events, JourneyOptions(lookbackDays: 1)), actual: got) == nil)
        #expect(pathTableDifference(expected: inProcessPathTable(events, JourneyOptions(lookbackDays: 2)), actual: got) != nil)
    }
}
