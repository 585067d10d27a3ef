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

    /// Conversions credited per channel (rows) and model (columns), with shares;
    /// with intervals, `±` half the conversions interval's width after the credit.
    static func credits(_ results: [ModelResult], intervals: IntervalReport? = nil) -> String {
        guard let first = results.first else { return "" }
        let channels = first.channels
        // Channels by their average share across models, largest first.
        var weight = [Double](repeating: 0, count: channels.count)
        for r in results { for (c, s) in r.shares.enumerated() { weight[c] += s } }
        let order = (0..<channels.count).sorted { weight[$0] != weight[$1] ? weight[$0] > weight[$1] : channels.names[$0] < channels.names[$1] }
        let bounds = results.map { intervals?.intervals(for: $0.model) }
        var rows = order.map { c in
            [channels.names[c]] + zip(results, bounds).map { r, m in
                var cell = String(format: "%.1f", r.conversions[c])
                if let m, let k = m.channels.lookup(channels.names[c]) {
                    cell += " ±" + String(format: "%.1f", m.intervals[Int(k)].conversionsHalfWidth)
                }
                return cell + " " + percent(r.shares[c])
            }
        }
        rows.append(["total"] + results.map { String(format: "%.1f", $0.totalConversions) })
        return table(["channel"] + results.map(\.model), rows)
    }
}
