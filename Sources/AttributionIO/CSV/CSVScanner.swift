#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One field of a record: bytes `start..<end` of the file. A quoted field's range
/// excludes the surrounding quotes and may still hold doubled quotes (`""`).
struct CSVField: Sendable {
    var start: Int
    var end: Int
    var quoted: Bool
    var isEmpty: Bool { start == end }
}

private let quote = UInt8(ascii: "\"")
private let newline = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")

/// An RFC 4180 record scanner over bytes: quoted fields with embedded delimiters,
/// quotes and newlines, CRLF or LF line ends. It reads in place and allocates nothing per record.
struct CSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position: Int
    let end: Int
    /// The field separator: one byte fixed for the scan, compared like a constant.
    let delimiter: UInt8

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int = 0, end: Int? = nil, delimiter: UInt8 = CSVDelimiter.comma) {
        self.bytes = bytes
        self.position = start
        self.end = end ?? bytes.count
        self.delimiter = delimiter
    }

    /// Scans the next record into `fields`; returns its starting offset, or nil at the end.
    /// Blank lines are skipped.
    mutating func next(into fields: inout [CSVField]) throws(RowProblem) -> Int? {
        while true {
            guard position < end else { return nil }
            let recordStart = position
            fields.removeAll(keepingCapacity: true)
            try scanRecord(into: &fields, recordStart: recordStart)
            if fields.count == 1 && fields[0].isEmpty && !fields[0].quoted { continue }
            return recordStart
        }
    }

    private mutating func scanRecord(into fields: inout [CSVField], recordStart: Int) throws(RowProblem) {
        let delimiter = self.delimiter
        while true {
            if position < end && bytes[position] == quote {
                try scanQuoted(into: &fields, recordStart: recordStart)
            } else {
                let start = position
                while position < end {
                    let b = bytes[position]
                    if b == delimiter || b == newline { break }
                    position += 1
                }
                var stop = position
                if stop > start && bytes[stop - 1] == carriageReturn && (position == end || bytes[position] == newline) {
                    stop -= 1
                }
                fields.append(CSVField(start: start, end: stop, quoted: false))
            }
            if position >= end { return }
            if bytes[position] == delimiter {
                position += 1
                continue
            }
            position += 1  // newline
            return
        }
    }

    private mutating func scanQuoted(into fields: inout [CSVField], recordStart: Int) throws(RowProblem) {
        let open = position
        let field = fields.count
        position += 1
        let start = position
        while true {
            while position < end && bytes[position] != quote { position += 1 }
            guard position < end else {
                throw RowProblem(
                    offset: open, column: nil, value: text(from: start, stoppingAtDelimiter: false),
                    message: "unterminated quoted field (opened here, never closed)", field: field)
            }
            if position + 1 < end && bytes[position + 1] == quote {
                position += 2
                continue
            }
            break
        }
        fields.append(CSVField(start: start, end: position, quoted: true))
        position += 1  // closing quote
        // Only a separator or a line end may follow a closing quote.
        if position < end {
            let b = bytes[position]
            if b == carriageReturn && position + 1 < end && bytes[position + 1] == newline {
                position += 1
            } else if b == carriageReturn && position + 1 == end {
                position += 1
            } else if b != delimiter && b != newline {
                throw RowProblem(
                    offset: recordStart, column: nil, value: text(from: open, stoppingAtDelimiter: true),
                    message: "unexpected character '\(Character(Unicode.Scalar(b)))' after a closing quote",
                    field: field)
            }
        }
    }

    /// Raw text from `from` to the line end (or the next delimiter), at most 200 bytes:
    /// enough to show the user where a broken field starts.
    private func text(from: Int, stoppingAtDelimiter: Bool) -> String {
        var stop = from
        while stop < end && stop - from < 200 {
            let b = bytes[stop]
            if b == newline || b == carriageReturn || (stoppingAtDelimiter && b == delimiter) { break }
            stop += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<stop]), as: UTF8.self)
    }

    /// The text of a field, with doubled quotes undone.
    func string(_ f: CSVField) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[f.start..<f.end])
        guard f.quoted else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            out.append(raw[i])
            i += (raw[i] == quote && i + 1 < raw.count && raw[i + 1] == quote) ? 2 : 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The raw bytes of an unquoted field, or the unescaped bytes of a quoted one in `scratch`.
    func withBytes<R, E: Error>(_ f: CSVField, scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        let raw = UnsafeBufferPointer(rebasing: bytes[f.start..<f.end])
        guard f.quoted, raw.contains(quote) else { return try body(raw) }
        scratch.removeAll(keepingCapacity: true)
        var i = 0
        while i < raw.count {
            scratch.append(raw[i])
            i += (raw[i] == quote && i + 1 < raw.count && raw[i + 1] == quote) ? 2 : 1
        }
        return try scratch.withUnsafeBufferPointer { (b) throws(E) -> R in try body(b) }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// A UTF-16 or UTF-32 byte-order mark, which this UTF-8 reader cannot read.
    var wideByteOrderMark: String? {
        if count >= 4 && self[0] == 0xFF && self[1] == 0xFE && self[2] == 0 && self[3] == 0 { return "UTF-32 (little-endian)" }
        if count >= 4 && self[0] == 0 && self[1] == 0 && self[2] == 0xFE && self[3] == 0xFF { return "UTF-32 (big-endian)" }
        if count >= 2 && self[0] == 0xFF && self[1] == 0xFE { return "UTF-16 (little-endian)" }
        if count >= 2 && self[0] == 0xFE && self[1] == 0xFF { return "UTF-16 (big-endian)" }
        return nil
    }

    /// Offset just past the UTF-8 byte order mark, if the buffer starts with one.
    var byteOrderMarkLength: Int {
        count >= 3 && self[0] == 0xEF && self[1] == 0xBB && self[2] == 0xBF ? 3 : 0
    }

    /// Record boundaries that split `start..<count` into about `parts` pieces.
    /// Without any quote in the data, any newline is a record boundary; with quotes,
    /// boundaries come from a sequential scan so a quoted newline is never taken for one.
    /// `hasQuotes`: whether a quote follows `start`, when the caller has looked already.
    func recordChunks(
        from start: Int, parts: Int, hasQuotes known: Bool? = nil,
        delimiter: UInt8 = CSVDelimiter.comma
    ) throws(RowProblem) -> [Range<Int>] {
        let n = count
        guard parts > 1, n - start > 1 << 20 else { return [start..<n] }
        var cuts = [start]
        // memchr: this looks at every byte of the file, so it must run at memory speed.
        let hasQuotes = known ?? (memchr(baseAddress! + start, Int32(quote), n - start) != nil)
        if !hasQuotes {
            for k in 1..<parts {
                var p = Swift.max(cuts.last!, start + (n - start) * k / parts)
                while p < n && self[p] != newline { p += 1 }
                if p < n { cuts.append(p + 1) }
            }
        } else {
            var scanner = CSVScanner(bytes: self, start: start, delimiter: delimiter)
            var fields: [CSVField] = []
            for k in 1..<parts {
                let target = start + (n - start) * k / parts
                while scanner.position < target, try scanner.next(into: &fields) != nil {}
                if scanner.position < n { cuts.append(scanner.position) }
            }
        }
        cuts.append(n)
        var ranges: [Range<Int>] = []
        for i in 0..<(cuts.count - 1) where cuts[i] < cuts[i + 1] { ranges.append(cuts[i]..<cuts[i + 1]) }
        return ranges
    }
}
