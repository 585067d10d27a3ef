import AttributionCore
import Foundation

/// Writes an event table as an event-level CSV (`user_id,event,timestamp,revenue`),
/// the format `mta attribute` reads. Rows are formatted on every core and streamed
/// to a temporary file, renamed when complete.
public enum EventCSVWriter {
    public static let header = Array("user_id,event,timestamp,revenue\n".utf8)

    public static func write(_ table: EventTable, conversionEvent: String, to path: String) throws {
        let file = try StreamingFile(path: path)
        try file.append(header)
        try append(table, conversionEvent: conversionEvent, to: file)
        try file.commit()
    }

    /// The table's rows (no header), formatted on every core a part at a time.
    public static func append(_ table: EventTable, conversionEvent: String, to file: StreamingFile) throws {
        let chunks = chunkCount(forWork: table.count, minimumPerChunk: 200_000)
        let ranges = chunkRanges(table.count, chunks: chunks)
        let names = table.channels.names.map { Array(CSVWriter.escape($0).utf8) }
        let conversion = Array(CSVWriter.escape(conversionEvent).utf8)
        let parts = parallelMap(chunks: chunks) { k -> [UInt8] in
            var out: [UInt8] = []
            out.reserveCapacity(ranges[k].count * 48)
            for i in ranges[k] {
                out.append(UInt8(ascii: "u"))
                appendInteger(Int64(table.user[i]) + 1, to: &out)
                out.append(UInt8(ascii: ","))
                let c = table.channel[i]
                out += c >= 0 ? names[Int(c)] : conversion
                out.append(UInt8(ascii: ","))
                appendTimestamp(table.time[i], to: &out)
                out.append(UInt8(ascii: ","))
                if table.isConversion[i] { appendCents(table.value[i], to: &out) }
                out.append(UInt8(ascii: "\n"))
            }
            return out
        }
        for part in parts { try file.append(part) }
    }

    static func appendInteger(_ v: Int64, to out: inout [UInt8]) {
        if v < 0 {
            out.append(UInt8(ascii: "-"))
            appendInteger(-v, to: &out)
            return
        }
        if v >= 10 { appendInteger(v / 10, to: &out) }
        out.append(UInt8(48 + v % 10))
    }

    static func appendPadded(_ v: Int64, width: Int, to out: inout [UInt8]) {
        var digits = [UInt8](repeating: 48, count: width)
        var x = v
        for k in stride(from: width - 1, through: 0, by: -1) {
            digits[k] = UInt8(48 + x % 10)
            x /= 10
        }
        out += digits
    }

    static func appendCents(_ v: Double, to out: inout [UInt8]) {
        let cents = Int64((v * 100).rounded())
        // The sign goes first on its own: for -0.99…-0.01, `cents / 100` is 0 and has none.
        if cents < 0 { out.append(UInt8(ascii: "-")) }
        appendInteger(abs(cents) / 100, to: &out)
        out.append(UInt8(ascii: "."))
        appendPadded(abs(cents) % 100, width: 2, to: &out)
    }

    /// ISO 8601 in UTC, whole seconds: `2024-01-01T12:00:00Z`.
    static func appendTimestamp(_ ms: Int64, to out: inout [UInt8]) {
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (y, m, d) = CivilDate.date(days: days)
        let s = seconds - days * 86_400
        appendPadded(y, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(m, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(d, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        appendPadded(s / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(s / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(s % 60, width: 2, to: &out)
        out.append(UInt8(ascii: "Z"))
    }
}
