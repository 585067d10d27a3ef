import VaporCSQLite

/// What SQLite said when a call failed, with the statement it was running.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public var description: String { message }
}

/// One open SQLite file, used synchronously from one task at a time. The C API is
/// called directly (not through SQLiteNIO's event loop) because bulk loads and
/// scans bind and step millions of rows, and a hop per row would dominate.
public final class SQLiteDatabase: @unchecked Sendable {
    public enum Mode: Sendable { case readOnly, readWrite, create }

    let handle: OpaquePointer
    public let path: String

    public init(path: String, mode: Mode) throws {
        var db: OpaquePointer?
        let flags: Int32 =
            switch mode {
            case .readOnly: SQLITE_OPEN_READONLY
            case .readWrite: SQLITE_OPEN_READWRITE
            case .create: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            }
        let rc = sqlite_nio_sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite_nio_sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message)
        }
        handle = db
        self.path = path
        // A second writer waits a little instead of failing at once.
        sqlite_nio_sqlite3_busy_timeout(db, 5_000)
    }

    deinit { sqlite_nio_sqlite3_close_v2(handle) }

    var lastError: SQLiteError {
        SQLiteError(code: sqlite_nio_sqlite3_errcode(handle), message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite_nio_sqlite3_exec(handle, sql, nil, nil, &error)
        guard rc == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite_nio_sqlite3_errstr(rc))
            sqlite_nio_sqlite3_free(error)
            throw SQLiteError(code: rc, message: message)
        }
    }

    public func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        let rc = sqlite_nio_sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw lastError }
        return SQLiteStatement(database: self, handle: statement)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Whether a table or view of that name exists (`main` schema).
    public func relationExists(_ name: String) throws -> Bool {
        let s = try prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?1")
        s.bind(1, name)
        return try s.step()
    }
}

/// A prepared statement; reused for every row of a bulk load (reset, rebind, step).
public final class SQLiteStatement {
    let database: SQLiteDatabase
    let handle: OpaquePointer

    init(database: SQLiteDatabase, handle: OpaquePointer) {
        self.database = database
        self.handle = handle
    }

    deinit { sqlite_nio_sqlite3_finalize(handle) }

    /// Text copied by SQLite (the caller's buffer may go away before the step).
    public func bind(_ index: Int32, _ text: String) {
        sqlite_nio_sqlite3_bind_text(handle, index, text, -1, sqliteTransient)
    }

    /// Bytes that stay valid until the next `step`, so SQLite need not copy them.
    public func bind(_ index: Int32, bytes: UnsafeBufferPointer<UInt8>) {
        // A nil pointer would bind NULL, so an empty string points at a static byte.
        let base = bytes.count > 0 ? bytes.baseAddress! : emptyText.utf8Start
        sqlite_nio_sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
    }

    public func bind(_ index: Int32, _ value: Double) { sqlite_nio_sqlite3_bind_double(handle, index, value) }
    public func bind(_ index: Int32, _ value: Int64) { sqlite_nio_sqlite3_bind_int64(handle, index, value) }
    public func bindNull(_ index: Int32) { sqlite_nio_sqlite3_bind_null(handle, index) }

    /// True when a row is ready, false when the statement is done.
    @discardableResult
    public func step() throws -> Bool {
        switch sqlite_nio_sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.lastError
        }
    }

    public func reset() {
        sqlite_nio_sqlite3_reset(handle)
    }

    public var columnCount: Int32 { sqlite_nio_sqlite3_column_count(handle) }
    public func isNull(_ i: Int32) -> Bool { sqlite_nio_sqlite3_column_type(handle, i) == SQLITE_NULL }
    public func double(_ i: Int32) -> Double { sqlite_nio_sqlite3_column_double(handle, i) }
    public func int64(_ i: Int32) -> Int64 { sqlite_nio_sqlite3_column_int64(handle, i) }
    public func text(_ i: Int32) -> String? {
        guard let p = sqlite_nio_sqlite3_column_text(handle, i) else { return nil }
        return String(cString: p)
    }

    /// The column's text, valid until the next step (no String made).
    public func bytes(_ i: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let p = sqlite_nio_sqlite3_column_text(handle, i) else { return nil }
        return UnsafeBufferPointer(start: p, count: Int(sqlite_nio_sqlite3_column_bytes(handle, i)))
    }
}

private let emptyText: StaticString = ""

/// SQLite's "copy this now" destructor marker, which Swift cannot import as a constant.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
