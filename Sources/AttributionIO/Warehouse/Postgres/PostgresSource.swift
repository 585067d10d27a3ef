import AttributionCore
import Foundation
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
public struct PostgresSource: WarehouseSource {
    public let url: PostgresURL
    public let relation: WarehouseRelation
    public let options: EventInputOptions
    public let dialect: SQLDialect
    /// Pages the events are read in (by user hash); 0 picks from the table's size.
    public var pages = 0

    public init(url: PostgresURL, relation: WarehouseRelation, options: EventInputOptions, dialect: SQLDialect) {
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
    var place: String { url.description }

    func connect() async throws -> PostgresSession {
        let session = try await PostgresSession.connect(url)
        // The push-down's window functions and the page sorts spill to disk at the
        // default 4 MB; this session may use more (PostgreSQL only, not Redshift).
        if dialect == .postgres {
            do { try await session.execute("SET work_mem = '256MB'") } catch {
                await session.close()
                throw error
            }
        }
        return session
    }

    func close(_ session: PostgresSession) async { await session.close() }

    func forEachRow(_ sql: String, on session: PostgresSession, _ body: (PostgresRow) throws -> Void) async throws {
        try await session.forEachRow(sql, body)
    }

    /// Counts as DOUBLE PRECISION whatever type the server's SUM gives.
    func pathQuery(_ pushDown: String) -> String {
        """
        SELECT "path", CAST("total_conversions" AS DOUBLE PRECISION), CAST("total_conversion_value" AS DOUBLE PRECISION),
            CAST("total_null" AS DOUBLE PRECISION)
        FROM (\n\(pushDown)\n) AS mta_paths
        """
    }

    /// Page count: about two million rows a page, from the planner's estimate for a
    /// table (no scan), four pages for a query.
    func pageCount(_ session: PostgresSession) async throws -> Int {
        if pages > 0 { return pages }
        guard case .table(let name) = relation, dialect == .postgres else { return 4 }
        var estimate = 0.0
        let table = try SQLTextError.reporting(in: place) {
            try SQLText.literal(try SQLText.relation(name, setting: "--table", dialect: dialect), setting: "--table", dialect: dialect)
        }
        try await session.forEachRow("SELECT CAST(reltuples AS DOUBLE PRECISION) FROM pg_class WHERE oid = to_regclass(\(table))") { row in
            estimate = try row.decode(Double?.self) ?? 0
        }
        return max(1, min(64, Int((estimate / 2_000_000).rounded(.up))))
    }

    /// One query per page of users (by user hash), each sorted in the push-down's event order.
    func pagePlan(on session: PostgresSession) async throws -> WarehousePagePlan {
        let c = try WarehouseQuery.eventColumns(options, dialect: dialect, source: place)
        let (user, event, time) = (c[0], c[1], c[2])
        let value = options.valueColumn != nil ? "CAST(\(c[3]) AS DOUBLE PRECISION)" : "CAST(NULL AS DOUBLE PRECISION)"
        var flag = "CAST(NULL AS VARCHAR)"
        var touchFirst = "1"
        switch options.conversion {
        case .column: flag = "CAST(\(c.last!) AS VARCHAR)"
        case .event(let name):
            touchFirst =
                "CASE WHEN \(event) = \(try WarehouseQuery.conversionEvent(name, dialect: dialect, source: place)) THEN 1 ELSE 0 END"
        }
        let hash =
            dialect == .redshift
            ? "MOD(ABS(FNV_HASH(CAST(\(user) AS VARCHAR))), %d)"
            : "MOD(CAST(hashtext(CAST(\(user) AS TEXT)) AS BIGINT) + 2147483648, %d)"
        let count = try await pageCount(session)
        let from = try fromItem()
        let queries = (0..<count).map { page in
            let filter = count == 1 ? "" : "\nWHERE " + String(format: hash, count) + " = \(page)"
            return """
                SELECT CAST(\(user) AS VARCHAR), CAST(\(event) AS VARCHAR),
                    CAST(ROUND(EXTRACT(EPOCH FROM \(time)) * 1000) AS BIGINT), \(value), \(flag)
                FROM \(from)\(filter)
                ORDER BY 1, 3, \(touchFirst), 2, 4
                """
        }
        return WarehousePagePlan(queries: queries)
    }

    /// Columns as `pagePlan` selects them: user and event text, time in milliseconds,
    /// value as a double, flag text.
    func withEventRow<R>(_ row: PostgresRow, _ body: (WarehouseEventRow) throws -> R) throws -> R {
        var cells = row.makeIterator()
        let userCell = cells.next()!, eventCell = cells.next()!, timeCell = cells.next()!
        let valueCell = cells.next()!, flagCell = cells.next()!
        guard let u = userCell.bytes, let e = eventCell.bytes, timeCell.bytes != nil else { return try body(WarehouseEventRow()) }
        let t = try timeCell.decode(Int64.self)
        let v = valueCell.bytes == nil ? nil : try valueCell.decode(Double.self)
        return try u.withUnsafeReadableBytes { ub in
            try e.withUnsafeReadableBytes { eb in
                try Self.withOptionalBytes(flagCell.bytes) { fb in
                    try body(
                        WarehouseEventRow(
                            user: ub.bindMemory(to: UInt8.self), event: eb.bindMemory(to: UInt8.self),
                            time: .milliseconds(t), value: v.map { .number($0) }, flag: fb))
                }
            }
        }
    }

    private static func withOptionalBytes<R>(_ buffer: ByteBuffer?, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        guard let buffer else { return try body(nil) }
        return try buffer.withUnsafeReadableBytes { try body($0.bindMemory(to: UInt8.self)) }
    }
}

extension PostgresRow: WarehouseRow {
    private func cell(_ column: Int) -> PostgresCell { self[index(startIndex, offsetBy: column)] }
    func string(at column: Int) throws -> String? { try cell(column).decode(String?.self) }
    func double(at column: Int) throws -> Double? { try cell(column).decode(Double?.self) }
    func int64(at column: Int) throws -> Int64? { try cell(column).decode(Int64?.self) }
}
