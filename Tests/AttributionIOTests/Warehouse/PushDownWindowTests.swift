import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// A scheduled run's conversion window, pushed down: the database keeps the
/// journeys that end inside it, exactly as `JourneyBuilder` does in process.
@Suite struct PushDownWindowTests {
    static let day = ConversionWindow.dayMs
    /// The fixtures span 2024-01-01 plus 20 days; this window is days 8 to 14.
    static let window = ConversionWindow(start: 1_704_067_200_000 + 7 * day, end: 1_704_067_200_000 + 14 * day)

    static func matrix() -> [JourneyOptions] {
        var all: [JourneyOptions] = []
        for rule in JourneyOptions.Rule.allCases {
            for lookback in [nil, 2.5] as [Double?] {
                for kind in [PathTransforms.Kind.unique, .exposure] {
                    var o = JourneyOptions(rule: rule, lookbackDays: lookback, topChannels: 4, transforms: PathTransforms(kind: kind))
                    o.window = window
                    all.append(o)
                }
            }
        }
        return all
    }

    @Test func theWindowDropsJourneysEndingOutsideIt() {
        let events = PushDownFixtures.events(users: 300, seed: 4)
        for options in Self.matrix() {
            var open = options
            open.window = nil
            let inside = JourneyBuilder.build(events, options: options)
            let all = JourneyBuilder.build(events, options: open)
            #expect(inside.count > 0 && inside.count < all.count, "the window must cut something: \(inside.count) of \(all.count)")
            #expect(inside.endTime.allSatisfy(Self.window.contains))
            #expect(all.endTime.filter(Self.window.contains).count == inside.count)
        }
    }

    @Test func sqliteKeepsTheSameJourneys() async throws {
        let events = PushDownFixtures.events(users: 600, seed: 4)
        let rows = WarehouseEvents(events, conversionEvent: "purchase")
        let db = try await PushDownSQLiteTests.database(rows)
        var columns = rows.columns(conversion: .event("purchase"))
        columns.valueColumn = WarehouseEvents.valueColumn
        let source = EventRelation(
            relation: .table(PushDownSQLiteTests.table), columns: columns, tiebreakColumn: WarehouseEvents.rowIDColumn)
        for options in Self.matrix() {
            let diff = try await pushDownDifference(events: events, source: source, options: options, dialect: .sqlite) {
                try await PushDownSQLiteTests.run(db, $0)
            }
            #expect(diff == nil, "\(describe(options)): \(diff ?? "")")
        }
        try await db.close()
    }

    @Test(.enabled(if: PythonTools.shouldRun, PythonTools.skipReason))
    func duckdbAndEachWarehouseDialectKeepTheSameJourneys() throws {
        guard let python = PythonTools.requirePython() else { return }
        let events = PushDownFixtures.events(users: 600, seed: 4)
        let rows = WarehouseEvents(events, conversionEvent: "purchase")
        var columns = rows.columns(conversion: .event("purchase"))
        columns.valueColumn = WarehouseEvents.valueColumn
        let source = EventRelation(relation: .table("main.events"), columns: columns, tiebreakColumn: WarehouseEvents.rowIDColumn)
        for dialect in [SQLDialect.duckdb, .postgres, .snowflake, .bigquery, .trino] {
            let matrix = Self.matrix()
            let queries = try matrix.map { try PathPushDown.query(source, journeys: $0, dialect: dialect) }
            let results = try withTempDir { try PushDownPythonToolsTests.duckdb(python, rows, queries, from: dialect, in: $0) }
            for (options, result) in zip(matrix, results) {
                let diff = pathTableDifference(expected: inProcessPathTable(events, options), actual: result)
                #expect(diff == nil, "\(dialect) \(describe(options)): \(diff ?? "")")
            }
        }
    }
}

@Suite(.enabled(if: TestPostgres.available, "needs MTA_TEST_POSTGRES_URL (scripts/test.sh)"))
struct PushDownWindowPostgresTests {
    @Test func postgresKeepsTheSameJourneys() async throws {
        let events = PushDownFixtures.events(users: 400, seed: 4)
        let rows = WarehouseEvents(events, conversionEvent: "purchase")
        let table = try await PushDownPostgresTests.table(rows)
        let source = EventRelation(
            relation: .table(table), columns: rows.columns(conversion: .event("purchase")),
            tiebreakColumn: WarehouseEvents.rowIDColumn)
        for options in PushDownWindowTests.matrix() {
            let diff = try await pushDownDifference(events: events, source: source, options: options, dialect: .postgres) {
                try await PushDownPostgresTests.run($0)
            }
            #expect(diff == nil, "\(describe(options)): \(diff ?? "")")
        }
    }
}
