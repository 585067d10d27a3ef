import AttributionCore

/// Parses the timestamp forms the tool accepts into milliseconds since the epoch (UTC):
/// ISO 8601 (`T` or space, fractional seconds, `Z` or ±HH:MM / ±HHMM / ±HH, none = UTC),
/// `YYYY-MM-DD`, epoch seconds (up to 11 integer digits) and epoch milliseconds (12 or more).
/// Hand-written because it runs once per event: Foundation's formatters are far slower
/// and each covers only one of these forms.
enum TimestampParser {
    /// Times a warning questions: before 1970 or after 2200 is more often a wrong unit
    /// or format (e.g. microseconds read as milliseconds) than real data.
    static let plausible: Range<Int64> = 0..<7_289_654_400_000  // 1970-01-01 ..< 2201-01-01 UTC

    static func parse(_ s: UnsafeBufferPointer<UInt8>) -> Int64? {
        var lo = 0, hi = s.count
        while lo < hi && s[lo] == 0x20 { lo += 1 }
        while hi > lo && s[hi - 1] == 0x20 { hi -= 1 }
        guard lo < hi else { return nil }
        let b = UnsafeBufferPointer(rebasing: s[lo..<hi])
        if b.count >= 10 && b[4] == UInt8(ascii: "-") { return parseCalendar(b) }
        return parseEpoch(b)
    }

    static func parse(_ text: String) -> Int64? {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }

    private static func parseEpoch(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        var negative = false
        if b[0] == UInt8(ascii: "-") { negative = true; i = 1 }
        var whole: Int64 = 0
        var digits = 0
        while i < b.count, let d = digit(b[i]) {
            guard digits < 16 else { return nil }
            whole = whole * 10 + Int64(d)
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        var fractionMs: Int64 = 0
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            var scale: Int64 = 100
            var fracDigits = 0
            while i < b.count, let d = digit(b[i]) {
                fractionMs += Int64(d) * scale
                scale /= 10
                fracDigits += 1
                i += 1
            }
            guard fracDigits > 0 else { return nil }
        }
        guard i == b.count else { return nil }
        // Epoch milliseconds with a fraction would lose it (times are whole ms): refuse.
        if digits >= 12 && b.contains(UInt8(ascii: ".")) { return nil }
        let ms = digits >= 12 ? whole : whole * 1000 + fractionMs
        return negative ? -ms : ms
    }

    private static func parseCalendar(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let year = number(b, 0, 4), b[4] == UInt8(ascii: "-"),
            let month = number(b, 5, 2), b[7] == UInt8(ascii: "-"),
            let day = number(b, 8, 2),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year, month)
        else { return nil }
        var ms = CivilDate.days(year: Int64(year), month: Int64(month), day: Int64(day)) * 86_400_000
        var i = 10
        if i == b.count { return ms }
        guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = number(b, i, 2), i + 2 < b.count, b[i + 2] == UInt8(ascii: ":"),
            let minute = number(b, i + 3, 2), hour <= 23, minute <= 59
        else { return nil }
        i += 5
        var second = 0
        if i < b.count && b[i] == UInt8(ascii: ":") {
            // Leap second 60 is refused: it would silently become the next minute.
            guard let s = number(b, i + 1, 2), s <= 59 else { return nil }
            second = s
            i += 3
        }
        var fraction: Int64 = 0
        if i < b.count && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",")) {
            i += 1
            var scale: Int64 = 100
            let first = i
            while i < b.count, let d = digit(b[i]) {
                fraction += Int64(d) * scale
                scale /= 10
                i += 1
            }
            guard i > first else { return nil }
        }
        ms += Int64(hour) * 3_600_000 + Int64(minute) * 60_000 + Int64(second) * 1000 + fraction
        if i < b.count && b[i] == UInt8(ascii: " ") { i += 1 }  // "2024-01-01 10:00:00 +02:00"
        if i == b.count { return ms }
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            return i + 1 == b.count ? ms : nil
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign: Int64 = b[i] == UInt8(ascii: "+") ? 1 : -1
            i += 1
            guard let oh = number(b, i, 2), oh <= 23 else { return nil }
            i += 2
            var om = 0
            if i < b.count {
                if b[i] == UInt8(ascii: ":") { i += 1 }
                guard let m = number(b, i, 2), m <= 59 else { return nil }
                om = m
                i += 2
            }
            guard i == b.count else { return nil }
            // Local time = UTC + offset, so UTC = local − offset.
            return ms - sign * (Int64(oh) * 3_600_000 + Int64(om) * 60_000)
        default:
            return nil
        }
    }

    @inline(__always) private static func digit(_ c: UInt8) -> Int? {
        c >= 48 && c <= 57 ? Int(c - 48) : nil
    }

    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ width: Int) -> Int? {
        guard at + width <= b.count else { return nil }
        var v = 0
        for k in at..<(at + width) {
            guard let d = digit(b[k]) else { return nil }
            v = v * 10 + d
        }
        return v
    }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
