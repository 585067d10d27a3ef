import AttributionCore

/// A database the events are read from. The shared part (here and in
/// `WarehousePages`) decides the route and writes the SQL: with only path-level
/// models (`needsEvents == false`) the path table is built inside the database by
/// the push-down query and only paths cross over; otherwise events are read in
/// pages of whole users and cut into journeys a page at a time. An engine supplies
/// only what differs: how to connect, how to run a query over a row cursor, and
/// its page plan (`WarehousePagePlan`) with the decoding of its event rows.
protocol WarehouseSource: AttributionSource {
    associatedtype Connection
    associatedtype Row: WarehouseRow

    var relation: WarehouseRelation { get }
    var options: EventInputOptions { get }
    /// How the push-down and the shared queries are spelt for this engine.
    var dialect: SQLDialect { get }
    /// The database as errors name it (a path, or a URL without its password).
    var place: String { get }
    /// Opens the database, refusing a missing one or a missing table with an `InputError`.
    func connect() async throws -> Connection
    func close(_ connection: Connection) async
    /// Runs `sql` and hands each row to `body`; failures as `InputError`s naming `place`.
    func forEachRow(_ sql: String, on connection: Connection, _ body: (Row) throws -> Void) async throws
    /// The push-down query as this engine runs it: rows of path, conversions, value, nulls.
    func pathQuery(_ pushDown: String) -> String
    /// The queries that read the events, page by page.
    func pagePlan(on connection: Connection) async throws -> WarehousePagePlan
    /// A row of a page query as an event row.
    func withEventRow<R>(_ row: Row, _ body: (WarehouseEventRow) throws -> R) throws -> R
}

extension WarehouseSource {
    public var format: String { "events" }
    public var hasValue: Bool { options.valueColumn != nil }
    func pathQuery(_ pushDown: String) -> String { pushDown }

    public func load(_ request: SourceRequest) async throws -> SourceData {
        let connection = try await connect()
        do {
            let data: SourceData
            if request.needsEvents {
                let (journeys, read) = try await readJourneys(connection, options: request.journeys, onPhase: request.onPhase)
                data = .journeys(journeys.journeys, read, events: journeys.events)
            } else {
                let (paths, read) = try await readPaths(connection, journeys: request.journeys, onPhase: request.onPhase)
                data = .paths(paths, hasValue: hasValue, shaped: true, read)
            }
            await close(connection)
            return data
        } catch {
            await close(connection)
            throw error
        }
    }

    /// The relation as a FROM item, for this engine.
    func fromItem() throws -> String {
        try WarehouseQuery.from(relation, dialect: dialect, source: place)
    }

    /// The push-down route: the path table built by the database. `onPhase` is told the
    /// server's time (until the first row) and the transfer time (the rest), for `--timings`.
    func readPaths(
        _ connection: Connection, journeys: JourneyOptions,
        onPhase: @Sendable (String, Double) -> Void = { _, _ in }
    ) async throws -> (PathTable, ReadReport) {
        let query = try WarehouseQuery.pushDown(relation, options: options, journeys: journeys, dialect: dialect, source: place)
        var paths = WarehousePathAssembler()
        var clock = PhaseClock()
        defer { clock.report(onPhase) }
        try await forEachRow(pathQuery(query), on: connection) { row in
            clock.row()
            paths.add(
                path: try row.string(at: 0) ?? "", conversions: try row.double(at: 1) ?? 0,
                value: try row.double(at: 2) ?? 0, nulls: try row.double(at: 3) ?? 0)
        }
        var read = ReadReport()
        read.rows = paths.rows
        return (paths.finish(), read)
    }
}
