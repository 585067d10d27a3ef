import AttributionCore

/// Builds an `EventTable` from rows a database returns (SQLite or PostgreSQL),
/// with the CSV reader's rules: a conversion event is a conversion and not a touch,
/// a conversion flag reads 1/true/0/false, revenue counts on conversion rows only,
/// an empty user or channel is an error. Rows with a NULL user, event or time are
/// skipped and counted, as the push-down query skips them.
struct WarehouseEventAssembler {
    private(set) var table = EventTable()
    private var users = ByteInterner(capacity: 1 << 16)
    private var channels = ByteInterner(capacity: 64)
    private let conversionEvent: [UInt8]?
    let source: String
    let options: EventInputOptions
    private(set) var read = ReadReport()
    /// Conversions in pages already taken.
    private var conversions = 0

    init(source: String, options: EventInputOptions) {
        self.source = source
        self.options = options
        if case .event(let name) = options.conversion { conversionEvent = Array(name.utf8) } else { conversionEvent = nil }
    }

    mutating func skipNull() { read.skippedRows += 1 }

    /// One row with a user, event and time; `flag` is the conversion column's text
    /// (conversion-column input only).
    mutating func add(
        user: UnsafeBufferPointer<UInt8>, event: UnsafeBufferPointer<UInt8>, time: WarehouseEventRow.Time,
        flag: UnsafeBufferPointer<UInt8>?, value: WarehouseEventRow.Value?
    ) throws {
        let row = read.rows + read.skippedRows + 1
        let time = try milliseconds(time, row: row)
        let value = try number(value, row: row)
        guard !user.isEmpty else { throw problem(row, options.userColumn, "", "empty user id") }
        let conv: Bool
        var channel: Int32 = -1
        if let target = conversionEvent {
            conv = event.elementsEqual(target)
        } else {
            guard let parsed = ConversionFlag.parse(flag ?? UnsafeBufferPointer(start: nil, count: 0)) else {
                let column = if case .column(let c) = options.conversion { c } else { "" }
                throw problem(
                    row, column, String(decoding: flag ?? .init(start: nil, count: 0), as: UTF8.self),
                    "conversion flag must be 0, 1, true or false")
            }
            conv = parsed
        }
        if conversionEvent == nil || !conv {
            guard !event.isEmpty else { throw problem(row, options.eventColumn, "", "empty channel name") }
            channel = channels.intern(event)
        }
        table.append(
            user: users.intern(user), channel: channel, time: time, isConversion: conv,
            value: conv ? (value ?? 0) : 0)
        read.rows += 1
    }

    private func milliseconds(_ time: WarehouseEventRow.Time, row: Int) throws -> Int64 {
        switch time {
        case .milliseconds(let ms): return ms
        case .text(let text):
            guard let ms = TimestampParser.parse(text) else {
                throw problem(
                    row, options.timeColumn, String(decoding: text, as: UTF8.self),
                    "unparseable timestamp (expected ISO 8601, YYYY-MM-DD[ HH:MM:SS], or epoch seconds/milliseconds)")
            }
            return ms
        }
    }

    private func number(_ value: WarehouseEventRow.Value?, row: Int) throws -> Double? {
        switch value {
        case nil: return nil
        case .number(let v): return v
        case .text(let text):
            guard !text.isEmpty else { return nil }
            guard let v = NumberParser.parse(text) else {
                throw problem(row, options.valueColumn ?? "", String(decoding: text, as: UTF8.self), "revenue is not a number")
            }
            return v
        }
    }

    func problem(_ row: Int, _ column: String, _ value: String, _ message: String) -> InputError {
        InputError(file: source, column: column, value: value, message: "\(message) (row \(row) of the result)")
    }

    /// Rows added since the last page, as a table of their own (users and channels
    /// numbered in order of first appearance); the counts in `read` go on.
    mutating func takePage() -> EventTable {
        var page = table
        page.userCount = users.count
        page.channels = ChannelIndex(names: (0..<channels.count).map { channels.string($0) })
        conversions += page.conversionCount
        table = EventTable()
        users = ByteInterner(capacity: 1 << 16)
        channels = ByteInterner(capacity: 64)
        return page
    }

    /// Rows added since the last page.
    var pendingRows: Int { table.count }

    /// The report, once every page is taken: an error if nothing usable was read.
    /// `eventCounts` (rows per event, asked of the database) runs only when nothing converts.
    func finishPages(eventCounts: () async throws -> [String: Int]) async throws -> ReadReport {
        guard read.rows > 0 else {
            throw InputError(
                file: source,
                message: read.skippedRows > 0
                    ? "every row had a NULL user, event or time (\(read.skippedRows) skipped)" : "no rows")
        }
        if conversions == 0 { throw options.noConversion(in: source, rows: read.rows, eventCounts: try await eventCounts()) }
        return read
    }
}

/// The push-down query's rows (`path`, conversions, value, nulls) as a `PathTable`.
/// Rows wait until every channel is known, because the builder's channel index is
/// fixed when it starts (a path table is small beside the events).
struct WarehousePathAssembler {
    private var channels = ChannelIndex()
    private var pending: [(path: [Int32], conversions: Double, value: Double, nulls: Double)] = []
    private var unattributed = (conversions: 0.0, value: 0.0)
    private(set) var rows = 0

    mutating func add(path: String, conversions: Double, value: Double, nulls: Double) {
        rows += 1
        guard !path.isEmpty else {
            // A conversion with no touch left: counted, credited to no channel.
            unattributed.conversions += conversions
            unattributed.value += value
            return
        }
        let steps = path.split(separator: PathPushDown.separator, omittingEmptySubsequences: false)
            .map { channels.id(for: String($0)) }
        pending.append((steps, conversions, value, nulls))
    }

    func finish() -> PathTable {
        var builder = PathTableBuilder(channels: channels)
        builder.addUnattributed(conversions: unattributed.conversions, value: unattributed.value)
        for row in pending { builder.add(row.path[...], conversions: row.conversions, value: row.value, nulls: row.nulls) }
        return builder.table
    }
}
