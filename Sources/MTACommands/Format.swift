import AttributionCore
import AttributionIO
import Foundation

/// One line on standard error, with every known secret masked.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((SecretMask.mask(line) + "\n").utf8))
}

/// Human-readable numbers and tables for the terminal (files carry full precision).
enum Format {
    static func amount(_ v: Double) -> String { String(format: "%.2f", v) }
    static func count(_ v: Double) -> String { v == v.rounded() ? String(Int64(v)) : String(format: "%.2f", v) }
    static func percent(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }

    /// Columns padded to their widest cell; the first column left-aligned, the rest right-aligned.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}
