import AttributionCore

/// The header row of a CSV file and the columns the reader needs from it.
struct CSVHeader {
    let names: [String]
    /// Offset of the first byte after the header record.
    let bodyStart: Int

    /// The field separator, given or detected from this header line.
    let delimiter: UInt8

    /// `delimiter`: nil to detect it from the header line (see `CSVDelimiter.detect`);
    /// files of our own making (spend, truth) are comma-separated.
    init(file: MappedFile, delimiter given: UInt8? = CSVDelimiter.comma) throws {
        if let encoding = file.bytes.wideByteOrderMark {
            throw InputError(
                file: file.path, line: 1,
                message: "the file is \(encoding) (it starts with that byte-order mark); convert the file to UTF-8")
        }
        if let nul = file.firstIndex(of: 0) {
            throw InputError(
                file: file.path, line: file.line(at: nul),
                message:
                    "NUL byte at byte offset \(nul): not a text file (or a UTF-16/32 file without a byte-order mark; convert it to UTF-8)")
        }
        let bom = file.bytes.byteOrderMarkLength
        delimiter = given ?? CSVDelimiter.detect(headerLine: file.bytes.firstLine(from: bom))
        var scanner = CSVScanner(bytes: file.bytes, start: bom, delimiter: delimiter)
        var fields: [CSVField] = []
        let found: Int?
        do { found = try scanner.next(into: &fields) } catch { throw file.inputError(error) }
        guard found != nil else {
            throw InputError(file: file.path, message: "empty file: no header row")
        }
        names = fields.map { scanner.string($0).trimmingSpaces }
        bodyStart = scanner.position
    }

    /// Index of a required column: an exact match, else a case-insensitive one.
    /// A column the reader uses must be named once: a duplicate is an error naming both positions.
    /// `flag`: the option that names this column, so a missing one says what to change.
    func index(of column: String, file: String, flag: String? = nil) throws -> Int {
        var matches = names.indices.filter { names[$0] == column }
        if matches.isEmpty { matches = names.indices.filter { names[$0].lowercased() == column.lowercased() } }
        guard let first = matches.first else {
            throw InputError(file: file, line: 1, column: column, message: missing(column, flag: flag))
        }
        if matches.count > 1 {
            throw InputError(
                file: file, line: 1, column: column,
                message:
                    "the header names this column more than once (positions \(matches.map { String($0 + 1) }.joined(separator: " and "))); rename one"
            )
        }
        return first
    }

    /// "no such column (--user-column); the header has: user_id, event; did you mean 'user_id'?"
    private func missing(_ column: String, flag: String?) -> String {
        guard let flag else { return "no such column in the header (columns: \(names.joined(separator: ", ")))" }
        var s = "no such column (\(flag)); the header has: \(names.joined(separator: ", "))"
        if let near = NearestName.to(column, in: names) { s += "; did you mean '\(near)'?" }
        // One column whose name holds a likely separator: the file is split on something else.
        if names.count == 1,
            let other = [CSVDelimiter.semicolon, CSVDelimiter.tab, CSVDelimiter.pipe, CSVDelimiter.comma]
                .first(where: { $0 != delimiter && names[0].utf8.contains($0) })
        {
            s +=
                " (the header is one column split on \(CSVDelimiter.name(delimiter)); is the file separated by \(CSVDelimiter.name(other))? use --delimiter)"
        }
        return s
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Bytes from `start` up to the first line end: where the delimiter is guessed from.
    func firstLine(from start: Int) -> UnsafeBufferPointer<UInt8> {
        var stop = start
        while stop < count && self[stop] != UInt8(ascii: "\n") { stop += 1 }
        return UnsafeBufferPointer(rebasing: self[start..<stop])
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
