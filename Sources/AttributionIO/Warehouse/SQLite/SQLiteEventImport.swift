import AttributionCore
import Foundation

/// `mta import`: an event-level CSV into a SQLite table, checked exactly as
/// `mta attribute` reads it (same scanner, same messages), then written in ONE
/// transaction with one prepared INSERT reused for every row. Nothing reaches the
/// database unless the whole file is good, and a failed write rolls back.
///
/// Table layout: the CSV's own column names (`--user-column`, …), typed:
/// user TEXT, event TEXT, time TEXT (ISO 8601 UTC with milliseconds, see
/// `ISOTimestamp`), revenue REAL (conversion rows; NULL on touches), and with
/// `--conversion-column` that column as INTEGER 0/1.
public enum SQLiteEventImport {
    public enum Mode: String, Sendable, CaseIterable {
        /// Stop when the table exists (default).
        case refuse
        /// Drop the table and create it again, in the same transaction.
        case replace
        /// Add rows to the table (it must have the same columns).
        case append
    }

    public struct Report: Sendable {
        public var rows = 0
        public var read = ReadReport()
        public var parseSeconds = 0.0
        public var writeSeconds = 0.0
    }

    public static func run(
        csv path: String, options: EventInputOptions, database: String, table: String,
        mode: Mode
    ) throws -> Report {
        // A table we create: the strict rule (see `SQLText`).
        let quotedTable = try SQLTextError.reporting(in: database) {
            try SQLText.createdRelation(table, setting: "--table", dialect: .sqlite)
        }
        let names = try ImportColumns(options: options, database: database)
        let db: SQLiteDatabase
        do { db = try SQLiteDatabase(path: database, mode: .create) } catch let e as SQLiteError {
            throw InputError(file: database, message: "cannot open the SQLite database: \(e.message)")
        }
        if mode == .refuse, try db.relationExists(table) {
            throw InputError(file: database, value: table, message: "table already exists (use --replace or --append)")
        }

        var report = Report()
        let start = Date()
        let (file, chunks, read) = try EventCSVReader.scan(path: path, options: options)
        report.read = read
        report.parseSeconds = Date().timeIntervalSince(start)

        let writeStart = Date()
        // Big page cache: the whole load stays in memory until COMMIT, so the
        // rollback journal only ever holds the few pages that existed before.
        try db.execute("PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY; PRAGMA synchronous = NORMAL")
        do {
            try db.transaction {
                switch mode {
                case .replace: try db.execute("DROP TABLE IF EXISTS \(quotedTable)")
                case .refuse, .append: break
                }
                try db.execute("CREATE TABLE IF NOT EXISTS \(quotedTable) (\(names.definitions))")
                // Many rows per statement: a step costs more than a bind.
                let batch = try db.prepare(
                    "INSERT INTO \(quotedTable) (\(names.list)) VALUES \(names.placeholders(rows: ImportColumns.batchRows))")
                let single = try db.prepare("INSERT INTO \(quotedTable) (\(names.list)) VALUES \(names.placeholders(rows: 1))")
                report.rows = try write(chunks, options: options, width: names.count, batch: batch, single: single)
            }
        } catch let e as SQLiteError {
            throw InputError(file: database, value: table, message: "import failed, nothing written: \(e.message)")
        }
        withExtendedLifetime(file) {}
        report.writeSeconds = Date().timeIntervalSince(writeStart)
        return report
    }

    /// Binds and steps every row, in file order, `ImportColumns.batchRows` rows per step.
    private static func write(
        _ chunks: [EventChunk], options: EventInputOptions, width: Int,
        batch: SQLiteStatement, single: SQLiteStatement
    ) throws -> Int {
        let hasValue = options.valueColumn != nil
        var conversionName: [UInt8] = []
        var byFlag = false
        switch options.conversion {
        case .event(let name): conversionName = Array(name.utf8)
        case .column: byFlag = true
        }
        // One time buffer per row of a batch: bound bytes must live until the step.
        let times = UnsafeMutablePointer<UInt8>.allocate(capacity: ISOTimestamp.length * ImportColumns.batchRows)
        defer { times.deallocate() }
        var rows = 0
        try conversionName.withUnsafeBufferPointer { conversionBytes in
            func bind(_ s: SQLiteStatement, slot: Int, _ chunk: EventChunk, _ i: Int) {
                let base = Int32(slot * width)
                s.bind(base + 1, bytes: chunk.users.key(Int(chunk.user[i])))
                let c = chunk.channel[i]
                s.bind(base + 2, bytes: c >= 0 ? chunk.channels.key(Int(c)) : conversionBytes)
                let time = times + slot * ISOTimestamp.length
                ISOTimestamp.write(chunk.time[i], to: time)
                s.bind(base + 3, bytes: UnsafeBufferPointer(start: time, count: ISOTimestamp.length))
                var next = base + 4
                if hasValue {
                    if chunk.isConversion[i] { s.bind(next, chunk.value[i]) } else { s.bindNull(next) }
                    next += 1
                }
                if byFlag { s.bind(next, Int64(chunk.isConversion[i] ? 1 : 0)) }
            }
            for chunk in chunks {
                let n = chunk.user.count
                var i = 0
                while i + ImportColumns.batchRows <= n {
                    batch.reset()
                    for slot in 0..<ImportColumns.batchRows { bind(batch, slot: slot, chunk, i + slot) }
                    try batch.step()
                    i += ImportColumns.batchRows
                }
                while i < n {  // the part's last rows, one by one
                    single.reset()
                    bind(single, slot: 0, chunk, i)
                    try single.step()
                    i += 1
                }
                rows += n
            }
        }
        return rows
    }
}

/// The imported table's columns, named as in the CSV.
struct ImportColumns {
    /// Rows per INSERT (at most 5 columns: 320 parameters, far below SQLite's limit).
    static let batchRows = 64
    let definitions: String
    let list: String
    let count: Int

    init(options: EventInputOptions, database: String) throws {
        func q(_ name: String, _ setting: String) throws -> String {
            try SQLTextError.reporting(in: database) { try SQLText.createdName(name, setting: setting, dialect: .sqlite) }
        }
        var columns = [
            (try q(options.userColumn, "--user-column"), "TEXT NOT NULL"),
            (try q(options.eventColumn, "--event-column"), "TEXT NOT NULL"),
            (try q(options.timeColumn, "--time-column"), "TEXT NOT NULL"),
        ]
        if let v = options.valueColumn { columns.append((try q(v, "--value-column"), "REAL")) }
        if case .column(let flag) = options.conversion { columns.append((try q(flag, "--conversion-column"), "INTEGER NOT NULL")) }
        definitions = columns.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        list = columns.map(\.0).joined(separator: ", ")
        count = columns.count
    }

    /// `(?1, ?2, ?3), (?4, ?5, ?6), …` for `rows` rows.
    func placeholders(rows: Int) -> String {
        (0..<rows).map { r in "(" + (1...count).map { "?\(r * count + $0)" }.joined(separator: ", ") + ")" }.joined(separator: ", ")
    }
}
