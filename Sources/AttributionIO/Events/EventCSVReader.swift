import AttributionCore

/// Reads an event-level CSV (one touch or conversion per row) into an `EventTable`.
/// The file is mapped, split at record boundaries and parsed on every core;
/// each part interns its own users and channels, merged afterwards in file order.
public enum EventCSVReader {
    public static func read(path: String, options: EventInputOptions) throws -> (EventTable, ReadReport) {
        var scanned = try scan(path: path, options: options)
        let table = merge(&scanned.chunks)
        return (table, scanned.report)
    }

    /// The parallel parse, with every check of the file as a whole: the parts keep
    /// their own user keys and channel names (`mta import` writes those, `read` merges them).
    static func scan(path: String, options: EventInputOptions) throws -> (file: MappedFile, chunks: [EventChunk], report: ReadReport) {
        let file = try MappedFile(path: path)
        options.progress?.begin("read events", total: file.bytes.count, unit: "B")
        let header = try CSVHeader(file: file, delimiter: options.delimiter)
        let layout = try EventColumns(header: header, options: options, file: path)

        let parts: [Range<Int>]
        do {
            let n = chunkCount(forWork: file.bytes.count, minimumPerChunk: 4 << 20)
            let quote = UInt8(ascii: "\"")
            parts = try file.bytes.recordChunks(
                from: header.bodyStart, parts: n,
                hasQuotes: n > 1 ? file.firstIndex(of: quote, from: header.bodyStart) != nil : nil,
                delimiter: header.delimiter)
        } catch { throw file.inputError(error.naming(header.names)) }
        // The checks above read the whole file; the parts read it again, each giving back its pages as it goes.
        file.release(0..<file.bytes.count)

        let chunks: [EventChunk] = try parallelMapThrowing(chunks: parts.count) { k in
            var chunk = EventChunk(layout: layout, skipBadRows: options.skipBadRows, expectedRows: parts[k].count / 40)
            chunk.progress = options.progress
            do throws(RowProblem) { try chunk.scan(file.bytes, range: parts[k], releasing: file) } catch {
                throw file.inputError(error.naming(layout.names))
            }
            return chunk
        }

        var report = ReadReport()
        for c in chunks {
            report.rows += c.rows
            report.skippedRows += c.skipped
            for p in c.problems where report.firstSkipped.count < ReadReport.skippedShown {
                report.firstSkipped.append(file.inputError(p))
            }
            report.implausibleTimes += c.implausibleTimes
            if report.firstImplausibleTime == nil, let p = c.firstImplausibleTime { report.firstImplausibleTime = file.inputError(p) }
        }
        guard report.rows > 0 else {
            throw InputError(
                file: path,
                message: report.skippedRows > 0
                    ? "every data row was bad (\(report.skippedRows) skipped)" : "no data rows after the header")
        }
        if !chunks.contains(where: { $0.isConversion.contains(true) }) {
            throw options.noConversion(in: path, rows: report.rows, eventCounts: eventCounts(chunks))
        }
        return (file, chunks, report)
    }

    /// Rows per event name (every row is a touch when none converts); only for the error.
    private static func eventCounts(_ chunks: [EventChunk]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for c in chunks {
            var perId = [Int](repeating: 0, count: c.channels.count)
            for id in c.channel where id >= 0 { perId[Int(id)] += 1 }
            for (id, n) in perId.enumerated() where n > 0 { counts[c.channels.string(id), default: 0] += n }
        }
        return counts
    }

    /// Concatenates the parts, renumbering users and channels to file order. Each part's
    /// column is freed once copied, so the parts and the table are never both whole in memory.
    private static func merge(_ chunks: inout [EventChunk]) -> EventTable {
        var table = EventTable()
        table.reserveCapacity(chunks.reduce(0) { $0 + $1.user.count })
        var users = ByteInterner(capacity: chunks.reduce(0) { $0 + $1.users.count })
        for k in chunks.indices {
            let userMap = (0..<chunks[k].users.count).map { users.intern(chunks[k].users.key($0)) }
            chunks[k].users = ByteInterner(capacity: 0)
            let channelMap = (0..<chunks[k].channels.count).map { table.channels.id(for: chunks[k].channels.string($0)) }
            table.user.append(contentsOf: chunks[k].user.lazy.map { userMap[Int($0)] })
            chunks[k].user = []
            table.channel.append(contentsOf: chunks[k].channel.lazy.map { $0 < 0 ? -1 : channelMap[Int($0)] })
            chunks[k].channel = []
            table.time.append(contentsOf: chunks[k].time)
            chunks[k].time = []
            table.isConversion.append(contentsOf: chunks[k].isConversion)
            chunks[k].isConversion = []
            table.value.append(contentsOf: chunks[k].value)
            chunks[k].value = SparseColumn()
        }
        table.userCount = users.count
        return table
    }
}

/// Column positions and conversion rule, resolved once from the header.
struct EventColumns: Sendable {
    let user: Int
    let event: Int
    let time: Int
    let value: Int?
    let conversionFlag: Int?
    let conversionEvent: [UInt8]?
    let names: [String]
    let delimiter: UInt8
    /// Fewer fields than this and a row cannot be read.
    let required: Int

    init(header: CSVHeader, options: EventInputOptions, file: String) throws {
        user = try header.index(of: options.userColumn, file: file, flag: options.settingName("--user-column"))
        event = try header.index(of: options.eventColumn, file: file, flag: options.settingName("--event-column"))
        time = try header.index(of: options.timeColumn, file: file, flag: options.settingName("--time-column"))
        value = try options.valueColumn.map { try header.index(of: $0, file: file, flag: options.settingName("--value-column")) }
        switch options.conversion {
        case .event(let name):
            conversionEvent = Array(name.utf8)
            conversionFlag = nil
        case .column(let name):
            conversionEvent = nil
            conversionFlag = try header.index(of: name, file: file, flag: options.settingName("--conversion-column"))
        }
        names = header.names
        delimiter = header.delimiter
        required = [user, event, time, value ?? 0, conversionFlag ?? 0].max()! + 1
    }
}

/// One part of the file, parsed into columns with part-local user and channel ids.
struct EventChunk: Sendable {
    let layout: EventColumns
    let skipBadRows: Bool
    var users: ByteInterner
    var channels = ByteInterner(capacity: 64)
    var user: [Int32] = []
    var channel: [Int32] = []
    var time: [Int64] = []
    var isConversion: [Bool] = []
    /// Revenue of conversion rows; zero (not stored) elsewhere.
    var value = SparseColumn()
    var rows = 0
    var skipped = 0
    var problems: [RowProblem] = []
    /// Rows whose time falls outside 1970–2200, and the first of them.
    var implausibleTimes = 0
    var firstImplausibleTime: RowProblem? = nil
    var progress: StageProgress? = nil

    init(layout: EventColumns, skipBadRows: Bool, expectedRows: Int) {
        self.layout = layout
        self.skipBadRows = skipBadRows
        users = ByteInterner(capacity: expectedRows / 8)
        user.reserveCapacity(expectedRows)
        channel.reserveCapacity(expectedRows)
        time.reserveCapacity(expectedRows)
        isConversion.reserveCapacity(expectedRows)
    }

    /// `releasing`: the mapped file, whose pages behind the scan are given back every 64k rows.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, releasing file: MappedFile? = nil) throws(RowProblem) {
        var scanner = CSVScanner(bytes: bytes, start: range.lowerBound, end: range.upperBound, delimiter: layout.delimiter)
        var fields: [CSVField] = []
        var scratch: [UInt8] = []
        var reported = range.lowerBound
        var released = range.lowerBound
        defer {
            progress?.advance(by: range.upperBound - reported)
            file?.release(released..<range.upperBound)
        }
        while let offset = try scanner.next(into: &fields) {
            // Every 64k rows, tell the progress meter how far this part has got.
            if rows & 0xFFFF == 0, let progress {
                progress.advance(by: offset - reported)
                reported = offset
            }
            if (rows + skipped) & 0xFFFF == 0xFFFF, let file {
                file.release(released..<offset)
                released = max(released, MappedFile.pageFloor(offset))
            }
            do {
                try readRow(fields, scanner: scanner, offset: offset, scratch: &scratch)
                rows += 1
            } catch {
                guard skipBadRows else { throw error }
                skipped += 1
                if problems.count < ReadReport.skippedShown { problems.append(error) }
            }
        }
    }

    private mutating func readRow(_ f: [CSVField], scanner: CSVScanner, offset: Int, scratch: inout [UInt8]) throws(RowProblem) {
        guard f.count >= layout.required else {
            let missing = layout.names[f.count]
            throw RowProblem(
                offset: offset, column: missing, value: nil,
                message: "row has \(f.count) field\(f.count == 1 ? "" : "s"), the header has \(layout.names.count)")
        }
        let t = scanner.withBytes(f[layout.time], scratch: &scratch) { TimestampParser.parse($0) }
        guard let t else {
            throw problem(
                offset, layout.time, f, scanner,
                "unparseable timestamp (expected ISO 8601, YYYY-MM-DD[ HH:MM:SS], or epoch seconds/milliseconds)")
        }
        if !TimestampParser.plausible.contains(t) {
            implausibleTimes += 1
            if firstImplausibleTime == nil {
                firstImplausibleTime = problem(offset, layout.time, f, scanner, "a time outside the years 1970–2200")
            }
        }
        if f[layout.user].isEmpty {
            throw problem(offset, layout.user, f, scanner, "empty user id")
        }
        let conv: Bool
        var touch = true
        if let target = layout.conversionEvent {
            conv = scanner.withBytes(f[layout.event], scratch: &scratch) { $0.elementsEqual(target) }
            touch = !conv
        } else {
            guard let flag = scanner.withBytes(f[layout.conversionFlag!], scratch: &scratch, ConversionFlag.parse) else {
                throw problem(offset, layout.conversionFlag!, f, scanner, "conversion flag must be 0, 1, true or false")
            }
            conv = flag
        }
        var v = 0.0
        if conv, let vi = layout.value, !f[vi].isEmpty {
            guard let parsed = scanner.withBytes(f[vi], scratch: &scratch, NumberParser.parse) else {
                throw problem(offset, vi, f, scanner, "revenue is not a number")
            }
            v = parsed
        }
        var c: Int32 = -1
        if touch {
            if f[layout.event].isEmpty {
                throw problem(offset, layout.event, f, scanner, "empty channel name")
            }
            c = try scanner.withBytes(f[layout.event], scratch: &scratch) { (b) throws(RowProblem) -> Int32 in
                try checkUTF8(b, offset, layout.event)
                return channels.intern(b)
            }
        }
        let u = try scanner.withBytes(f[layout.user], scratch: &scratch) { (b) throws(RowProblem) -> Int32 in
            try checkUTF8(b, offset, layout.user)
            return users.intern(b)
        }
        user.append(u)
        channel.append(c)
        time.append(t)
        isConversion.append(conv)
        value.append(v)
    }

    /// Invalid UTF-8 in a name would be replaced on the way to a String and could merge two names.
    private func checkUTF8(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int, _ column: Int) throws(RowProblem) {
        if let bad = UTF8Check.firstInvalid(b) {
            throw RowProblem(
                offset: offset, column: layout.names[column], value: String(decoding: b, as: UTF8.self),
                message:
                    "invalid UTF-8 at byte \(bad) of the field (byte 0x\(String(b[bad], radix: 16, uppercase: true))); convert the file to UTF-8"
            )
        }
    }

    private func problem(_ offset: Int, _ column: Int, _ f: [CSVField], _ scanner: CSVScanner, _ message: String) -> RowProblem {
        RowProblem(offset: offset, column: layout.names[column], value: scanner.string(f[column]), message: message)
    }
}

/// A 0/1/true/false cell; empty counts as false (no conversion), as CSV exports often leave it.
enum ConversionFlag {
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        if b.count == 1 && b[0] == UInt8(ascii: "0") { return false }  // the common cases, without a String
        if b.count == 1 && b[0] == UInt8(ascii: "1") { return true }
        let s = String(decoding: b, as: UTF8.self).trimmingSpaces.lowercased()
        switch s {
        case "1", "true", "1.0": return true
        case "0", "false", "", "0.0": return false
        default: return nil
        }
    }
}

/// A decimal number cell (revenue, counts): finite, surrounding spaces allowed.
enum NumberParser {
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        let s = String(decoding: b, as: UTF8.self).trimmingSpaces
        guard let v = Double(s), v.isFinite else { return nil }
        return v
    }
}
