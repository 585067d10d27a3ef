/// A problem found in one row while scanning in bulk; its line is computed only
/// when it is reported (from the byte offset), so the scan never counts lines.
struct RowProblem: Error, Sendable {
    var offset: Int
    var column: String?
    var value: String?
    var message: String
    /// Index of the field at fault, set by the scanner, which knows no column names.
    var field: Int? = nil

    /// The problem with its column named from the header, when only its index was known;
    /// a field past the header's last column is named by its position, so that every
    /// error in a data row names a column.
    func naming(_ names: [String]) -> RowProblem {
        var p = self
        if p.column == nil, let k = field {
            p.column = k < names.count ? names[k] : "field \(k + 1) (the header has \(names.count))"
        }
        return p
    }
}
