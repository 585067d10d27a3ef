/// One row of a query's result as an engine's cursor shows it, valid until the next
/// row: the few typed reads the shared path and touch-count readers need.
protocol WarehouseRow {
    func string(at column: Int) throws -> String?
    func double(at column: Int) throws -> Double?
    func int64(at column: Int) throws -> Int64?
}

/// One event row of a page query, as the engine hands it to the shared reader; a nil
/// user, event or time is a NULL (the row is skipped and counted). Buffers are valid
/// only while the reader's closure runs.
struct WarehouseEventRow {
    /// Typed by the engine (PostgreSQL sends milliseconds), or text parsed as the CSV
    /// reader parses it (SQLite stores ISO 8601 text).
    enum Time {
        case milliseconds(Int64)
        case text(UnsafeBufferPointer<UInt8>)
    }

    /// Revenue, typed by the engine or as text (empty text is no value).
    enum Value {
        case number(Double)
        case text(UnsafeBufferPointer<UInt8>)
    }

    var user: UnsafeBufferPointer<UInt8>? = nil
    var event: UnsafeBufferPointer<UInt8>? = nil
    var time: Time? = nil
    var value: Value? = nil
    /// The conversion column's text (conversion-column input only).
    var flag: UnsafeBufferPointer<UInt8>? = nil
}
