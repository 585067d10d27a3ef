import AttributionCore
import Foundation

/// Events in a SQLite file: a table, a view, or a query of the user's.
/// With only path-level models, the path table is built inside SQLite by the
/// push-down query (dialect `sqlite`), and only the paths cross over; otherwise
/// the events are read sorted by user (SQLite's sorter spills to disk), ties in
/// the relation's order as a CSV keeps file order, and cut into journeys a page of
/// whole users at a time, so memory holds one page of events.
public struct SQLiteSource: AttributionSource {
    public let path: String
    public let relation: PushDownSource.Relation
    public let options: EventInputOptions
    /// Event rows in a page (a page ends at the first user boundary past it).
    public var pageRows = 2_000_000

    public init(path: String, relation: PushDownSource.Relation, options: EventInputOptions) {
        self.path = path
        self.relation = relation
        self.options = options
    }

    public var description: String {
        switch relation {
        case .table(let name): "\(path) table \(name)"
        case .query: "\(path) (query)"
        }
    }
    public var format: String { "events" }
    public var hasValue: Bool { options.valueColumn != nil }

    public func load(_ request: SourceRequest) async throws -> SourceData {
        let db = try open()
        if request.needsEvents {
            let (journeys, read) = try readJourneys(db, options: request.journeys)
            return .journeys(journeys.journeys, read, events: journeys.events)
        }
        let (paths, read) = try readPaths(db, journeys: request.journeys)
        return .paths(paths, hasValue: hasValue, shaped: true, read)
    }

    func open() throws -> SQLiteDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, message: "no such SQLite database")
        }
        let db: SQLiteDatabase
        do { db = try SQLiteDatabase(path: path, mode: .readOnly) } catch let e as SQLiteError {
            throw InputError(file: path, message: "cannot open the SQLite database: \(e.message)")
        }
        if case .table(let name) = relation, try !db.relationExists(name) {
            throw InputError(file: path, value: name, message: "no such table or view")
        }
        return db
    }

    /// The relation as a FROM item.
    func fromClause() throws -> String {
        switch relation {
        case .table(let name): return try SQLIdentifier.quotedRelation(name, setting: "--table", source: path)
        case .query(let sql): return "(\n\(WarehouseQuery.trimmed(sql))\n) AS mta_source"
        }
    }

    func prepare(_ db: SQLiteDatabase, _ sql: String) throws -> SQLiteStatement {
        do { return try db.prepare(sql) } catch let e as SQLiteError {
            throw InputError(file: path, message: "query failed: \(e.message)")
        }
    }

    /// Touch counts per channel, when top-N needs them before the first page.
    func touchCounts(_ db: SQLiteDatabase, journeys: JourneyOptions) throws -> [String: Int] {
        guard journeys.topChannels != nil else { return [:] }
        let statement = try prepare(db, try WarehouseQuery.touchCounts(options, from: try fromClause(), source: path))
        var counts: [String: Int] = [:]
        do {
            while try statement.step() {
                if let name = statement.text(0), !name.isEmpty { counts[name] = Int(statement.int64(1)) }
            }
        } catch let e as SQLiteError {
            throw InputError(file: path, message: "query failed: \(e.message)")
        }
        return counts
    }

    func readJourneys(_ db: SQLiteDatabase, options journeyOptions: JourneyOptions) throws -> (PagedJourneyBuilder, ReadReport) {
        var journeys = PagedJourneyBuilder(options: journeyOptions, touchCounts: try touchCounts(db, journeys: journeyOptions))
        let columns = try WarehouseQuery.eventColumns(options, source: path).joined(separator: ", ")
        let user = try SQLIdentifier.quoted(options.userColumn, setting: "--user-column", source: path)
        // Grouped by the user's text (what the reader keys users by); ROW_NUMBER keeps
        // the relation's own order within a user, which the journey cut relies on for ties.
        let statement = try prepare(db, """
            SELECT \(columns) FROM (SELECT \(columns), ROW_NUMBER() OVER () AS mta_seq FROM \(try fromClause()))
            ORDER BY CAST(\(user) AS TEXT), mta_seq
            """)
        var rows = WarehouseEventAssembler(source: description, options: options)
        var lastUser: [UInt8] = []
        let hasValue = options.valueColumn != nil
        let flagIndex: Int32? = if case .column = options.conversion { hasValue ? 4 : 3 } else { nil }
        do {
            while try statement.step() {
                guard let user = statement.bytes(0), let event = statement.bytes(1), let timeText = statement.bytes(2) else {
                    rows.skipNull(); continue
                }
                if !user.elementsEqual(lastUser) {
                    if rows.pendingRows >= pageRows { journeys.add(rows.takePage()) }
                    lastUser = Array(user)
                }
                guard let time = TimestampParser.parse(timeText) else {
                    throw rows.problem(rows.read.rows + rows.read.skippedRows + 1, options.timeColumn,
                                       String(decoding: timeText, as: UTF8.self),
                                       "unparseable timestamp (expected ISO 8601, YYYY-MM-DD[ HH:MM:SS], or epoch seconds/milliseconds)")
                }
                var value: Double? = nil
                if hasValue, !statement.isNull(3), let text = statement.bytes(3), !text.isEmpty {
                    guard let v = NumberParser.parse(text) else {
                        throw rows.problem(rows.read.rows + rows.read.skippedRows + 1, options.valueColumn!,
                                           String(decoding: text, as: UTF8.self), "revenue is not a number")
                    }
                    value = v
                }
                try rows.add(user: user, event: event, time: time, flag: flagIndex.flatMap { statement.bytes($0) }, value: value)
            }
        } catch let e as SQLiteError {
            throw InputError(file: path, message: "query failed: \(e.message)")
        }
        journeys.add(rows.takePage())
        return (journeys, try rows.finishPages())
    }

    func readPaths(_ db: SQLiteDatabase, journeys: JourneyOptions) throws -> (PathTable, ReadReport) {
        let query = try WarehouseQuery.pushDown(relation, options: options, journeys: journeys, dialect: .sqlite, source: path)
        let statement = try prepare(db, query)
        var paths = WarehousePathAssembler()
        do {
            while try statement.step() {
                paths.add(path: statement.text(0) ?? "", conversions: statement.double(1),
                          value: statement.double(2), nulls: statement.double(3))
            }
        } catch let e as SQLiteError {
            throw InputError(file: path, message: "query failed: \(e.message)")
        }
        var read = ReadReport()
        read.rows = paths.rows
        return (paths.finish(), read)
    }
}
