import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// SQLite and PostgreSQL sources credit exactly what the CSV does: reading events
/// (every model, time decay included) and pushing the path table down (path models).
@Suite struct WarehouseSourceTests {
    static func csvCredits(_ dir: URL, _ events: EventTable, journeys: JourneyOptions = JourneyOptions()) async throws -> (
        String, [String: (Double, Double)]
    ) {
        let csv = try WarehouseSourceFixture.csv(events, in: dir)
        let (credits, format) = try await WarehouseSourceFixture.credits(
            CSVEventSource(path: csv, options: WarehouseSourceFixture.options),
            models: WarehouseSourceFixture.allModels, journeys: journeys)
        #expect(format == "events")
        return (csv, credits)
    }

    @Test func sqliteGivesTheCSVCreditsThroughEventsAndPushDown() async throws {
        try await withTempDirAsync { dir in
            let events = WarehouseSourceFixture.events()
            let journeys = JourneyOptions(rule: .everyConversion, lookbackDays: 10, topChannels: 8)
            let (csv, expected) = try await Self.csvCredits(dir, events, journeys: journeys)
            let db = dir.appendingPathComponent("w.db").path
            _ = try SQLiteEventImport.run(csv: csv, options: WarehouseSourceFixture.options, database: db, table: "events", mode: .refuse)
            let source = SQLiteSource(path: db, relation: .table("events"), options: WarehouseSourceFixture.options)

            let (all, allFormat) = try await WarehouseSourceFixture.credits(
                source, models: WarehouseSourceFixture.allModels, journeys: journeys)
            #expect(allFormat == "events")
            #expect(WarehouseSourceFixture.difference(all, expected) == nil, "\(WarehouseSourceFixture.difference(all, expected) ?? "")")

            let (pushed, pushedFormat) = try await WarehouseSourceFixture.credits(
                source, models: WarehouseSourceFixture.pathModels, journeys: journeys)
            #expect(pushedFormat == "paths")
            let wanted = expected.filter { !$0.key.hasPrefix("time-decay/") }
            #expect(WarehouseSourceFixture.difference(pushed, wanted) == nil, "\(WarehouseSourceFixture.difference(pushed, wanted) ?? "")")

            // A query works as a table does.
            let query = SQLiteSource(
                path: db, relation: .query("SELECT * FROM events WHERE 1 = 1;"), options: WarehouseSourceFixture.options)
            let (fromQuery, _) = try await WarehouseSourceFixture.credits(
                query, models: WarehouseSourceFixture.pathModels, journeys: journeys)
            #expect(WarehouseSourceFixture.difference(fromQuery, wanted) == nil)
        }
    }

    /// Journey settings whose cut depends on all users at once (top-N over every page,
    /// frequency names) or on every touch of a user (lookback, transforms, window).
    static let pagedSettings: [JourneyOptions] = {
        var frequency = JourneyOptions(rule: .everyConversion, topChannels: 5, transforms: PathTransforms(kind: .frequency))
        frequency.lookbackDays = 20
        var windowed = JourneyOptions(topChannels: 3, transforms: PathTransforms(kind: .exposure, maxPathLength: 4))
        windowed.window = ConversionWindow(
            start: 1_704_067_200_000 + 20 * ConversionWindow.dayMs,
            end: 1_704_067_200_000 + 50 * ConversionWindow.dayMs)
        return [JourneyOptions(rule: .everyConversion, lookbackDays: 10, topChannels: 8), frequency, windowed]
    }()

    @Test func sqliteEventPagesOfAnySizeGiveTheCSVCredits() async throws {
        try await withTempDirAsync { dir in
            let events = WarehouseSourceFixture.events(users: 300, seed: 5)
            let csv = try WarehouseSourceFixture.csv(events, in: dir)
            let db = dir.appendingPathComponent("w.db").path
            _ = try SQLiteEventImport.run(csv: csv, options: WarehouseSourceFixture.options, database: db, table: "events", mode: .refuse)
            for journeys in Self.pagedSettings {
                let (_, expected) = try await Self.csvCredits(dir, events, journeys: journeys)
                for pageRows in [1, 97, 2_000_000] {
                    for relation: WarehouseRelation in [.table("events"), .query("SELECT * FROM events")] {
                        var source = SQLiteSource(path: db, relation: relation, options: WarehouseSourceFixture.options)
                        source.pageRows = pageRows
                        let (got, format) = try await WarehouseSourceFixture.credits(
                            source, models: WarehouseSourceFixture.allModels, journeys: journeys)
                        #expect(format == "events")
                        let difference = WarehouseSourceFixture.difference(got, expected)
                        #expect(difference == nil, "page of \(pageRows) rows, \(relation), \(journeys): \(difference ?? "")")
                    }
                }
            }
        }
    }

    @Test func sqliteErrorsNameTheDatabaseTableAndColumn() async throws {
        try await withTempDirAsync { dir in
            let db = dir.appendingPathComponent("w.db").path
            let csv = try WarehouseSourceFixture.csv(WarehouseSourceFixture.events(users: 200), in: dir)
            _ = try SQLiteEventImport.run(csv: csv, options: WarehouseSourceFixture.options, database: db, table: "events", mode: .refuse)
            func error(_ source: SQLiteSource, events: Bool) async -> InputError? {
                do { _ = try await source.load(SourceRequest(journeys: JourneyOptions(), needsEvents: events)); return nil } catch {
                    return error as? InputError
                }
            }
            let missing = await error(
                SQLiteSource(
                    path: dir.appendingPathComponent("none.db").path, relation: .table("events"), options: WarehouseSourceFixture.options),
                events: true)
            #expect(missing?.message.contains("no such SQLite database") == true)
            let table = await error(
                SQLiteSource(path: db, relation: .table("nope"), options: WarehouseSourceFixture.options), events: false)
            #expect(table?.file == db && table?.value == "nope")
            var o = WarehouseSourceFixture.options
            o.userColumn = "customer"
            for events in [true, false] {
                let column = await error(SQLiteSource(path: db, relation: .table("events"), options: o), events: events)
                #expect(column?.description.contains("customer") == true, "\(String(describing: column))")
            }
        }
    }

    @Test(.enabled(if: TestPostgres.available, "needs MTA_TEST_POSTGRES_URL (scripts/test.sh)"))
    func postgresGivesTheCSVCreditsThroughEventPagesAndPushDown() async throws {
        try await withTempDirAsync { dir in
            let events = WarehouseSourceFixture.events()
            let journeys = JourneyOptions(rule: .everyConversion, lookbackDays: 10, topChannels: 8)
            let (csv, expected) = try await Self.csvCredits(dir, events, journeys: journeys)
            // The table holds what the CSV holds (the CSV's times are what the credits were computed from).
            let (read, _) = try EventCSVReader.read(path: csv, options: WarehouseSourceFixture.options)
            let table = try await WarehouseSourceFixture.postgresTable(read)
            var source = PostgresSource(
                url: try TestPostgres.url(), relation: .table(table), options: WarehouseSourceFixture.options, dialect: .postgres)
            for pages in [1, 3] {
                source.pages = pages
                let (all, format) = try await WarehouseSourceFixture.credits(
                    source, models: WarehouseSourceFixture.allModels, journeys: journeys)
                #expect(format == "events")
                #expect(
                    WarehouseSourceFixture.difference(all, expected) == nil,
                    "pages \(pages): \(WarehouseSourceFixture.difference(all, expected) ?? "")")
            }
            // Each page is cut on its own: settings that need every page (top-N) or every touch of a user.
            for settings in Self.pagedSettings {
                let (_, wanted) = try await Self.csvCredits(dir, events, journeys: settings)
                for pages in [1, 3, 7] {
                    source.pages = pages
                    let (got, _) = try await WarehouseSourceFixture.credits(
                        source, models: WarehouseSourceFixture.allModels, journeys: settings)
                    let difference = WarehouseSourceFixture.difference(got, wanted)
                    #expect(difference == nil, "pages \(pages), \(settings): \(difference ?? "")")
                }
            }
            let (pushed, format) = try await WarehouseSourceFixture.credits(
                source, models: WarehouseSourceFixture.pathModels, journeys: journeys)
            #expect(format == "paths")
            let wanted = expected.filter { !$0.key.hasPrefix("time-decay/") }
            #expect(WarehouseSourceFixture.difference(pushed, wanted) == nil, "\(WarehouseSourceFixture.difference(pushed, wanted) ?? "")")
            try await TestPostgres.execute("DROP TABLE \(table)")
        }
    }

    @Test(.enabled(if: TestPostgres.available, "needs MTA_TEST_POSTGRES_URL (scripts/test.sh)"))
    func postgresErrorsAreOneLineWithoutThePassword() async throws {
        let good = try TestPostgres.url()
        func error(
            _ url: PostgresURL, _ relation: WarehouseRelation = .table("events"), _ o: EventInputOptions = WarehouseSourceFixture.options
        ) async -> InputError? {
            do {
                _ = try await PostgresSource(url: url, relation: relation, options: o, dialect: .postgres)
                    .load(SourceRequest(journeys: JourneyOptions(), needsEvents: true))
                return nil
            } catch { return error as? InputError }
        }
        var wrong = good
        wrong.password = "not-the-password"
        let login = await error(wrong)
        #expect(login?.message.contains("password authentication failed") == true, "\(String(describing: login))")
        var closed = good
        closed.port = 1
        let refused = await error(closed)
        #expect(
            refused?.message.contains("connection refused") == true && refused?.message.contains("127.0.0.1:1") == true,
            "\(String(describing: refused))")
        let table = await error(good, .table("no_such_events"))
        #expect(table?.message.contains("no_such_events") == true)
        let existing = try await WarehouseSourceFixture.postgresTable(WarehouseSourceFixture.events(users: 10))
        var o = WarehouseSourceFixture.options
        o.valueColumn = "amount"
        let column = await error(good, .table(existing), o)
        #expect(column?.message.contains("amount") == true)
        for e in [login, refused, table, column] {
            #expect(
                e.map {
                    !$0.description.contains(good.password ?? "\u{0}") && !$0.description.contains("not-the-password")
                        && !$0.description.contains("\n")
                } == true)
        }
        try await TestPostgres.execute("DROP TABLE \(existing)")
    }

    @Test func badURLsAreRefusedWithoutEchoingThePassword() {
        for text in [
            "mysql://u:s3cret@h/db", "postgres://u:s3cret@/db", "postgres://:s3cret@h/db", "postgres://u:s3cret@h/db?sslmode=sometimes",
            "not a url",
        ] {
            let e = inputError { _ = try PostgresURL(text) }
            #expect(e?.message.contains("bad PostgreSQL URL") == true, "\(text)")
            #expect(e.map { !$0.description.contains("s3cret") } == true, "\(String(describing: e))")
        }
        let url = try? PostgresURL("postgres://me:s3cret@db.example.com:6543/sales?sslmode=require&dialect=redshift")
        #expect(url?.description == "postgres://me@db.example.com:6543/sales")
        #expect(url?.tls == .require && url?.dialect == .redshift)
        #expect((try? PostgresURL("postgres://me:pw@127.0.0.1/x"))?.tls == .disable)
        #expect((try? PostgresURL("postgres://me:pw@db.example.com/x"))?.tls == .prefer)
        #expect((try? PostgresURL("postgres://me:pw@db.example.com/x?sslmode=verify-full"))?.tls == .verify)
    }
}
