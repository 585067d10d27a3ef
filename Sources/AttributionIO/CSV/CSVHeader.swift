import AttributionCore
/// The header row of a CSV file and the columns the reader needs from it.
struct CSVHeader {
    let names: [String]
    /// Offset of the first byte after the header record.
    let bodyStart: Int

    init(file: MappedFile) throws {
        if let encoding = file.bytes.wideByteOrderMark {
            throw InputError(file: file.path, line: 1, message: "the file is \(encoding) (it starts with that byte-order mark); convert the file to UTF-8")
        }
        if let nul = file.firstIndex(of: 0) {
            throw InputError(file: file.path, line: file.line(at: nul),
                             message: "NUL byte at byte offset \(nul): not a text file (or a UTF-16/32 file without a byte-order mark; convert it to UTF-8)")
        }
        let bom = file.bytes.byteOrderMarkLength
        var scanner = CSVScanner(bytes: file.bytes, start: bom)
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
    func index(of column: String, file: String) throws -> Int {
        var matches = names.indices.filter { names[$0] == column }
        if matches.isEmpty { matches = names.indices.filter { names[$0].lowercased() == column.lowercased() } }
        guard let first = matches.first else {
            throw InputError(file: file, line: 1, column: column,
                             message: "no such column in the header (columns: \(names.joined(separator: ", ")))")
        }
        if matches.count > 1 {
            throw InputError(file: file, line: 1, column: column,
                             message: "the header names this column more than once (positions \(matches.map { String($0 + 1) }.joined(separator: " and "))); rename one")
        }
        return first
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
