/// The header row of a CSV file and the columns the reader needs from it.
struct CSVHeader {
    let names: [String]
    /// Offset of the first byte after the header record.
    let bodyStart: Int

    init(file: MappedFile) throws {
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
    func index(of column: String, file: String) throws -> Int {
        if let i = names.firstIndex(of: column) { return i }
        if let i = names.firstIndex(where: { $0.lowercased() == column.lowercased() }) { return i }
        throw InputError(file: file, line: 1, column: column,
                         message: "no such column in the header (columns: \(names.joined(separator: ", ")))")
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
