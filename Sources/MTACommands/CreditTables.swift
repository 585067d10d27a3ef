import AttributionCore
import AttributionIO
import Foundation

/// The credit tables printed after a run: channels as rows, models as columns, shares
/// in %, then revenue when the data has it. Models are split over several tables so no
/// line is wider than `width` (an ordinary terminal); the conversions per channel and
/// everything else are in the result files.
enum CreditTables {
    static let width = 100

    static func render(_ results: [ModelResult], intervals: IntervalReport? = nil, width: Int = width) -> String {
        guard let first = results.first else { return "" }
        let channels = first.channels
        // Channels by their average share across models, largest first.
        var weight = [Double](repeating: 0, count: channels.count)
        for r in results { for (c, s) in r.shares.enumerated() { weight[c] += s } }
        let order = (0..<channels.count).sorted {
            weight[$0] != weight[$1] ? weight[$0] > weight[$1] : channels.names[$0] < channels.names[$1]
        }
        let names = order.map { channels.names[$0] }

        func shareColumns(withIntervals: Bool) -> [[String]] {
            results.map { r in
                let bounds = withIntervals ? intervals?.intervals(for: r.model) : nil
                return order.map { c in
                    var cell = String(format: "%.1f", r.shares[c] * 100)
                    if let bounds, let k = bounds.channels.lookup(channels.names[c]) {
                        let i = bounds.intervals[Int(k)]
                        cell += " ±" + String(format: "%.1f", (i.shareHigh - i.shareLow) / 2 * 100)
                    }
                    return cell
                } + [String(format: "%.1f", r.totalConversions)]
            }
        }
        var shares = shareColumns(withIntervals: intervals != nil)
        var out: [String] = []
        // Intervals widen every column; when even one model beside the channels would
        // overflow, the table drops them and points at the file.
        if intervals != nil && !fits(names + ["conversions"], shares, width: width) {
            shares = shareColumns(withIntervals: false)
            out.append("(the intervals do not fit the terminal: see \(IntervalFiles.fileName))")
        }
        let caption =
            intervals != nil && out.isEmpty
            ? "share of conversions, % (± half the 95 % interval, in points)" : "share of conversions, %"
        out.append(
            contentsOf: split(
                caption: caption, rowNames: names + ["conversions"], models: results.map(\.model),
                columns: shares, width: width))

        if results.contains(where: { $0.revenue != nil }) {
            let revenue = results.map { r in
                order.map { c in r.revenue.map { Format.amount($0[c]) } ?? "–" }
                    + [r.revenue.map { Format.amount($0.reduce(0, +)) } ?? "–"]
            }
            out.append(
                contentsOf: split(
                    caption: "revenue", rowNames: names + ["total"], models: results.map(\.model),
                    columns: revenue, width: width))
        }
        return out.joined(separator: "\n")
    }

    /// Whether the channel column and the widest single model column fit in `width`.
    private static func fits(_ rowNames: [String], _ columns: [[String]], width: Int) -> Bool {
        let first = rowNames.map(\.count).max() ?? 0
        return columns.allSatisfy { first + 2 + ($0.map(\.count).max() ?? 0) <= width }
    }

    /// Tables of as many consecutive models as fit in `width` (at least one each).
    private static func split(
        caption: String, rowNames: [String], models: [String], columns: [[String]],
        width: Int
    ) -> [String] {
        let first = max("channel".count, rowNames.map(\.count).max() ?? 0)
        let widths = zip(models, columns).map { max($0.count, $1.map(\.count).max() ?? 0) }
        var groups: [[Int]] = []
        var used = first
        for m in models.indices {
            if let last = groups.last, !last.isEmpty, used + 2 + widths[m] <= width {
                groups[groups.count - 1].append(m)
                used += 2 + widths[m]
            } else {
                groups.append([m])
                used = first + 2 + widths[m]
            }
        }
        return groups.map { group in
            let rows = rowNames.indices.map { r in [rowNames[r]] + group.map { columns[$0][r] } }
            return "\n" + caption + "\n" + Format.table(["channel"] + group.map { models[$0] }, rows)
        }
    }
}
