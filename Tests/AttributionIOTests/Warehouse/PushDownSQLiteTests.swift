import AttributionCore
import Foundation
import SQLiteNIO
import Testing

@testable import AttributionIO

/// The pushed-down query executed for real by SQLite (through SQLiteNIO) and
/// compared with the in-process path table.
@Suite struct PushDownSQLiteTests {
    static let table = "main.events"

    /// An in-memory database holding `events` as the table `events`.
    static func database(_ events: WarehouseEvents) async throws -> SQLiteConnection {
        let db = try await SQLiteConnection.open(storage: .memory)
        let cols = WarehouseEvents.columnNames.map { "\"\($0)\"" }
        try await db.query(
            """
            CREATE TABLE events (\(cols[0]) TEXT, \(cols[1]) TEXT, \(cols[2]) TEXT, \(cols[3]) INTEGER, \(cols[4]) REAL, \(cols[5]) INTEGER)
            """)
        try await db.query("BEGIN")
        let batch = 200
        for start in stride(from: 0, to: events.rows.count, by: batch) {
            let part = events.rows[start..<min(start + batch, events.rows.count)]
            let placeholders = Array(repeating: "(?, ?, ?, ?, ?, ?)", count: part.count).joined(separator: ", ")
            var binds: [SQLiteData] = []
            for r in part {
                binds += [.text(r.user), .text(r.event), .text(r.timestamp), .integer(r.converted), .float(r.value), .integer(r.rowID)]
            }
            try await db.query("INSERT INTO events VALUES \(placeholders)", binds)
        }
        try await db.query("COMMIT")
        return db
    }

    static func run(_ db: SQLiteConnection, _ sql: String) async throws -> [PushedPathRow] {
        try await db.query(sql).map { row in
            PushedPathRow(
                path: row.column("path")?.string ?? "<null>",
                conversions: row.column("total_conversions")?.double ?? .nan,
                value: row.column("total_conversion_value")?.double ?? .nan,
                nulls: row.column("total_null")?.double ?? .nan)
        }
    }

    @Test func everyRuleTransformLookbackAndTopNMatchesInProcessWithAConversionEvent() async throws {
        let events = PushDownFixtures.events(users: 700, seed: 3)
        let rows = WarehouseEvents(events, conversionEvent: "it's a purchase")
        let db = try await Self.database(rows)
        var columns = rows.columns(conversion: .event("it's a purchase"))
        columns.valueColumn = WarehouseEvents.valueColumn
        let source = EventRelation(relation: .table(Self.table), columns: columns, tiebreakColumn: WarehouseEvents.rowIDColumn)
        let matrix = pushDownOptionMatrix(removeIfNotAll: ["display, banner", "o'rganic"], removeIfLast: ["direct", "émail"])
        for options in matrix {
            let diff = try await pushDownDifference(events: events, source: source, options: options, dialect: .sqlite) {
                try await Self.run(db, $0)
            }
            #expect(diff == nil, "\(describe(options)): \(diff ?? "")")
        }
        try await db.close()
    }

    @Test func aConversionColumnMatchesInProcess() async throws {
        let events = PushDownFixtures.columnEvents(users: 800, seed: 5)
        let rows = WarehouseEvents(events, conversionEvent: "")
        let db = try await Self.database(rows)
        let source = EventRelation(
            relation: .table("events"), columns: rows.columns(conversion: .column(WarehouseEvents.conversionColumn)),
            tiebreakColumn: WarehouseEvents.rowIDColumn)
        for options in pushDownOptionMatrix(removeIfNotAll: ["checkout"], removeIfLast: ["checkout", "direct"])
        where options.topChannels == nil {
            let diff = try await pushDownDifference(events: events, source: source, options: options, dialect: .sqlite) {
                try await Self.run(db, $0)
            }
            #expect(diff == nil, "\(describe(options)): \(diff ?? "")")
        }
        try await db.close()
    }

    @Test func withoutATieBreakerDataWithoutTiesStillMatches() async throws {
        let events = PushDownFixtures.events(users: 500, seed: 9)
        // The synthetic times are in milliseconds; make sure no user has two events at one instant.
        var seen = Set<String>()
        for i in 0..<events.count { #expect(seen.insert("\(events.user[i])/\(events.time[i])").inserted) }
        let rows = WarehouseEvents(events, conversionEvent: "purchase")
        let db = try await Self.database(rows)
        let source = EventRelation(
            relation: .query("SELECT * FROM events WHERE 1 = 1;"), columns: rows.columns(conversion: .event("purchase")))
        let options = JourneyOptions(rule: .everyConversion, lookbackDays: 1, topChannels: 3, transforms: PathTransforms(kind: .exposure))
        let diff = try await pushDownDifference(events: events, source: source, options: options, dialect: .sqlite) {
            try await Self.run(db, $0)
        }
        #expect(diff == nil, "\(diff ?? "")")
        try await db.close()
    }

    /// Hand-made: ties broken by the row id, a conversion with no touch, a null-only
    /// user, a touch exactly on the lookback edge, a channel name with `>`.
    @Test func handMadeEdgesMatchInProcess() async throws {
        var e = EventTable()
        let day: Int64 = 86_400_000, t0: Int64 = 1_704_067_200_000
        let rows: [(Int32, String?, Int64, Double)] = [
            (0, "b", t0, 0), (0, "a", t0, 0), (0, nil, t0 + 2 * day, 10),  // tie at t0: b then a (input order)
            (1, nil, t0, 7),  // a conversion with nothing before it
            (2, "a", t0, 0), (2, "a", t0 + day, 0),  // never converts
            (3, "old", t0, 0), (3, "edge", t0 + day, 0), (3, nil, t0 + 4 * day, 3),  // edge: exactly 3 days before
            (4, "a", t0, 0), (4, nil, t0 + day, 1), (4, "b", t0 + day, 0), (4, nil, t0 + 2 * day, 2), (4, "c", t0 + 3 * day, 0),
        ]
        for (u, ch, t, v) in rows {
            e.append(user: u, channel: ch.map { e.channels.id(for: $0) } ?? -1, time: t, isConversion: ch == nil, value: v)
        }
        e.userCount = 5
        let w = WarehouseEvents(e, conversionEvent: "purchase")
        let db = try await Self.database(w)
        let source = EventRelation(
            relation: .table("events"), columns: w.columns(conversion: .event("purchase")),
            tiebreakColumn: WarehouseEvents.rowIDColumn)
        for options in pushDownOptionMatrix(removeIfNotAll: ["a"], removeIfLast: ["b"]) {
            var o = options
            if o.lookbackDays != nil { o.lookbackDays = 3 }
            let diff = try await pushDownDifference(events: e, source: source, options: o, dialect: .sqlite) { try await Self.run(db, $0) }
            #expect(diff == nil, "\(describe(o)): \(diff ?? "")")
        }
        // The conversion with no touch comes back as the empty path.
        let sql = try PathPushDown.query(source, journeys: JourneyOptions(), dialect: .sqlite)
        let result = try await Self.run(db, sql)
        #expect(result.first { $0.path == "" }?.conversions == 1)
        try await db.close()
    }

    /// The comparison is not vacuous: the query for one setting differs from the
    /// in-process table of another, and the tables are not trivially small.
    @Test func theComparisonSeesADifferentSetting() async throws {
        let events = PushDownFixtures.events(users: 300, seed: 4)
        let rows = WarehouseEvents(events, conversionEvent: "purchase")
        let db = try await Self.database(rows)
        let source = EventRelation(
            relation: .table("events"), columns: rows.columns(conversion: .event("purchase")),
            tiebreakColumn: WarehouseEvents.rowIDColumn)
        let pairs: [(JourneyOptions, JourneyOptions)] = [
            (JourneyOptions(transforms: PathTransforms(kind: .first)), JourneyOptions(transforms: PathTransforms(kind: .exposure))),
            (JourneyOptions(rule: .everyConversion), JourneyOptions(rule: .firstConversion)),
            (JourneyOptions(lookbackDays: 1), JourneyOptions(lookbackDays: 2)),
            (JourneyOptions(transforms: PathTransforms(maxPathLength: 2)), JourneyOptions(transforms: PathTransforms(maxPathLength: 3))),
        ]
        for (queried, expected) in pairs {
            let got = try await Self.run(db, try PathPushDown.query(source, journeys: queried, dialect: .sqlite))
            #expect(got.count > 20)
            #expect(pathTableDifference(expected: inProcessPathTable(events, expected), actual: got) != nil)
        }
        try await db.close()
    }

    /// The Redshift byte cap, exercised in SQLite with a small cap: long paths keep
    /// their last steps that fit, and `trimmed_paths` counts the journeys cut.
    @Test func aByteCapKeepsTheLastStepsAndCountsTrimmedJourneys() async throws {
        let events = PushDownFixtures.events(users: 400, seed: 12)
        let rows = WarehouseEvents(events, conversionEvent: "purchase")
        let db = try await Self.database(rows)
        let source = EventRelation(
            relation: .table("events"), columns: rows.columns(conversion: .event("purchase")),
            tiebreakColumn: WarehouseEvents.rowIDColumn)
        let cap = 40
        for options in [JourneyOptions(), JourneyOptions(rule: .everyConversion, transforms: PathTransforms(kind: .frequency))] {
            // Expected: the in-process paths cut by hand to their last steps within `cap` bytes.
            var expected: [String: [Double]] = [:]
            var trimmed: [String: Double] = [:]
            for (path, numbers) in inProcessPathTable(events, options) {
                var kept: [Substring] = []
                var bytes = -PathPushDown.separator.utf8.count
                for step in path.components(separatedBy: PathPushDown.separator).reversed().map({ Substring($0) }) {
                    bytes += step.utf8.count + PathPushDown.separator.utf8.count
                    if bytes > cap { break }
                    kept.insert(step, at: 0)
                }
                let cut = kept.joined(separator: PathPushDown.separator)
                expected[cut] = zip(expected[cut] ?? [0, 0, 0], numbers).map { $0 + $1 }
                if cut != path { trimmed[cut, default: 0] += numbers[0] + numbers[2] }
            }
            #expect(trimmed.values.reduce(0, +) > 10)
            let sql = try PathPushDown.query(source, journeys: options, dialect: .sqlite, maxPathBytes: .some(cap))
            let result = try await db.query(sql)
            let got = result.map { row in
                PushedPathRow(
                    path: row.column("path")?.string ?? "<null>", conversions: row.column("total_conversions")?.double ?? .nan,
                    value: row.column("total_conversion_value")?.double ?? .nan, nulls: row.column("total_null")?.double ?? .nan)
            }
            let diff = pathTableDifference(expected: expected, actual: got)
            #expect(diff == nil, "\(describe(options)): \(diff ?? "")")
            for row in result {
                let path = row.column("path")?.string ?? ""
                #expect(row.column(PathPushDown.trimmedPathsColumn)?.double == trimmed[path] ?? 0, "\(path)")
                #expect(path.utf8.count <= cap)
            }
        }
        try await db.close()
    }

    @Test func aGreaterThanSignInAChannelNameBecomesAnUnderscore() async throws {
        var e = EventTable()
        e.append(user: 0, channel: e.channels.id(for: "a>b"), time: 1_704_067_200_000, isConversion: false, value: 0)
        e.append(user: 0, channel: -1, time: 1_704_067_300_000, isConversion: true, value: 0)
        e.userCount = 1
        let w = WarehouseEvents(e, conversionEvent: "purchase")
        let db = try await Self.database(w)
        let source = EventRelation(relation: .table("events"), columns: w.columns(conversion: .event("purchase")))
        let result = try await Self.run(db, try PathPushDown.query(source, journeys: JourneyOptions(), dialect: .sqlite))
        #expect(result.map(\.path) == ["a_b"])
        try await db.close()
    }
}
