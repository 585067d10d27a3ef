import AttributionCore
import Dispatch
import NIOCore
import PostgresNIO

/// Events in PostgreSQL or Redshift: a table, a view, or a query of the user's.
/// With only path-level models the path table is built by the server (the
/// push-down query, dialect postgres or redshift) and only distinct paths are
/// transferred. Otherwise events are read in pages, split by a hash of the user
/// key so each page holds whole users: the server sorts one page at a time, and
/// each page is cut into journeys before the next is read.
/// Within a page rows come in the push-down's event order (user, time, touches
/// before a conversion at the same instant, event, value), so both routes cut the
/// same journeys even when times tie.
public struct PostgresSource: AttributionSource {
    public let url: PostgresURL
    public let relation: PushDownSource.Relation
    public let options: EventInputOptions
    public let dialect: SQLDialect
    /// Pages the events are read in (by user hash); 0 picks from the table's size.
    public var pages = 0
    /// Told the server's time (until the first row) and the transfer time (the rest)
    /// of the read, for `--timings`.
    public var onPhase: @Sendable (String, Double) -> Void = { _, _ in }

    public init(url: PostgresURL, relation: PushDownSource.Relation, options: EventInputOptions, dialect: SQLDialect) {
        self.url = url
        self.relation = relation
        self.options = options
        self.dialect = dialect
    }

    public var description: String {
        switch relation {
        case .table(let name): "\(url) table \(name)"
        case .query: "\(url) (query)"
        }
    }
    public var format: String { "events" }
    public var hasValue: Bool { options.valueColumn != nil }

    public func load(_ request: SourceRequest) async throws -> SourceData {
        let session = try await PostgresSession.connect(url)
        do {
            // The push-down's window functions and the page sorts spill to disk at the
            // default 4 MB; this session may use more (PostgreSQL only, not Redshift).
            if dialect == .postgres { try await session.execute("SET work_mem = '256MB'") }
            let data: SourceData
            if request.needsEvents {
                let (journeys, read) = try await readJourneys(session, options: request.journeys)
                data = .journeys(journeys.journeys, read, events: journeys.events)
            } else {
                let (paths, read) = try await readPaths(session, journeys: request.journeys)
                data = .paths(paths, hasValue: hasValue, shaped: true, read)
            }
            await session.close()
            return data
        } catch {
            await session.close()
            throw error
        }
    }

    func fromClause() throws -> String {
        switch relation {
        case .table(let name): try SQLIdentifier.quotedRelation(name, setting: "--table", source: url.description)
        case .query(let sql): "(\n\(WarehouseQuery.trimmed(sql))\n) AS mta_source"
        }
    }

    func readPaths(_ session: PostgresSession, journeys: JourneyOptions) async throws -> (PathTable, ReadReport) {
        let query = try WarehouseQuery.pushDown(relation, options: options, journeys: journeys, dialect: dialect, source: url.description)
        let sql = """
            SELECT "path", CAST("total_conversions" AS DOUBLE PRECISION), CAST("total_conversion_value" AS DOUBLE PRECISION),
                CAST("total_null" AS DOUBLE PRECISION)
            FROM (\n\(query)\n) AS mta_paths
            """
        var paths = WarehousePathAssembler()
        var clock = PhaseClock()
        defer { clock.report(onPhase) }
        try await session.forEachRow(sql) { row in
            clock.row()
            let (path, conversions, value, nulls) = try row.decode((String?, Double?, Double?, Double?).self)
            paths.add(path: path ?? "", conversions: conversions ?? 0, value: value ?? 0, nulls: nulls ?? 0)
        }
        var read = ReadReport()
        read.rows = paths.rows
        return (paths.finish(), read)
    }

    /// Page count: about two million rows a page, from the planner's estimate for a
    /// table (no scan), four pages for a query.
    func pageCount(_ session: PostgresSession) async throws -> Int {
        if pages > 0 { return pages }
        guard case .table(let name) = relation, dialect == .postgres else { return 4 }
        var estimate = 0.0
        let literal = "'" + (try SQLIdentifier.quotedRelation(name, setting: "--table", source: url.description))
            .replacingOccurrences(of: "'", with: "''") + "'"
        try await session.forEachRow("SELECT CAST(reltuples AS DOUBLE PRECISION) FROM pg_class WHERE oid = to_regclass(\(literal))") { row in
            estimate = try row.decode(Double?.self) ?? 0
        }
        return max(1, min(64, Int((estimate / 2_000_000).rounded(.up))))
    }

    /// Touch counts per channel, when top-N needs them before the first page.
    func touchCounts(_ session: PostgresSession, journeys: JourneyOptions) async throws -> [String: Int] {
        guard journeys.topChannels != nil else { return [:] }
        var counts: [String: Int] = [:]
        try await session.forEachRow(try WarehouseQuery.touchCounts(options, from: try fromClause(), source: url.description)) { row in
            let (name, count) = try row.decode((String?, Int64).self)
            if let name, !name.isEmpty { counts[name] = Int(count) }
        }
        return counts
    }

    /// Events read a page of users at a time (by user hash), each page cut into
    /// journeys before the next is read.
    func readJourneys(_ session: PostgresSession, options journeyOptions: JourneyOptions) async throws -> (PagedJourneyBuilder, ReadReport) {
        var journeys = PagedJourneyBuilder(options: journeyOptions, touchCounts: try await touchCounts(session, journeys: journeyOptions))
        let c = try WarehouseQuery.eventColumns(options, source: url.description)
        let (user, event, time) = (c[0], c[1], c[2])
        let value = options.valueColumn != nil ? "CAST(\(c[3]) AS DOUBLE PRECISION)" : "CAST(NULL AS DOUBLE PRECISION)"
        var flag = "CAST(NULL AS VARCHAR)"
        var touchFirst = "1"
        switch options.conversion {
        case .column: flag = "CAST(\(c.last!) AS VARCHAR)"
        case .event(let name):
            let literal = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
            touchFirst = "CASE WHEN \(event) = \(literal) THEN 1 ELSE 0 END"
        }
        let hash = dialect == .redshift
            ? "MOD(ABS(FNV_HASH(CAST(\(user) AS VARCHAR))), %d)"
            : "MOD(CAST(hashtext(CAST(\(user) AS TEXT)) AS BIGINT) + 2147483648, %d)"
        let count = try await pageCount(session)
        let from = try fromClause()
        var rows = WarehouseEventAssembler(source: description, options: options)
        var clock = PhaseClock()
        defer { clock.report(onPhase) }
        for page in 0..<count {
            clock.startQuery()
            let filter = count == 1 ? "" : "\nWHERE " + String(format: hash, count) + " = \(page)"
            let sql = """
                SELECT CAST(\(user) AS VARCHAR), CAST(\(event) AS VARCHAR),
                    CAST(ROUND(EXTRACT(EPOCH FROM \(time)) * 1000) AS BIGINT), \(value), \(flag)
                FROM \(from)\(filter)
                ORDER BY 1, 3, \(touchFirst), 2, 4
                """
            try await session.forEachRow(sql) { row in
                clock.row()
                var cells = row.makeIterator()
                let userCell = cells.next()!, eventCell = cells.next()!, timeCell = cells.next()!
                let valueCell = cells.next()!, flagCell = cells.next()!
                guard let u = userCell.bytes, let e = eventCell.bytes, timeCell.bytes != nil else { rows.skipNull(); return }
                let t = try timeCell.decode(Int64.self)
                let v = valueCell.bytes == nil ? nil : try valueCell.decode(Double.self)
                try u.withUnsafeReadableBytes { ub in
                    try e.withUnsafeReadableBytes { eb in
                        let flagBytes = flagCell.bytes
                        try Self.withOptionalBytes(flagBytes) { fb in
                            try rows.add(user: ub.bindMemory(to: UInt8.self), event: eb.bindMemory(to: UInt8.self),
                                         time: t, flag: fb, value: v)
                        }
                    }
                }
            }
            journeys.add(rows.takePage())
        }
        return (journeys, try rows.finishPages())
    }

    private static func withOptionalBytes<R>(_ buffer: ByteBuffer?, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        guard let buffer else { return try body(nil) }
        return try buffer.withUnsafeReadableBytes { try body($0.bindMemory(to: UInt8.self)) }
    }
}

/// Splits a read into the server's time (query sent → first row) and the transfer
/// (first row → last row), summed over pages.
struct PhaseClock {
    private var queryStart = DispatchTime.now().uptimeNanoseconds
    private var firstRow: UInt64? = nil
    private var server: UInt64 = 0
    private var transfer: UInt64 = 0

    mutating func startQuery() {
        close()
        queryStart = DispatchTime.now().uptimeNanoseconds
    }

    mutating func row() {
        if firstRow == nil {
            let now = DispatchTime.now().uptimeNanoseconds
            firstRow = now
            server += now - queryStart
        }
    }

    private mutating func close() {
        if let first = firstRow { transfer += DispatchTime.now().uptimeNanoseconds - first }
        firstRow = nil
    }

    mutating func report(_ phase: (String, Double) -> Void) {
        close()
        phase("query (server, until the first row)", Double(server) / 1e9)
        phase("transfer and decode", Double(transfer) / 1e9)
    }
}
