import AttributionCore
import Foundation
import Testing

@testable import MTACommands

/// The terminal's credit tables: at most 100 columns, and every number the same as in
/// attribution.csv and attribution_intervals.csv.
@Suite struct CreditTablesTests {
    /// One table as printed: its caption, models, and rows of (channel, cells).
    struct Printed {
        var caption: String
        var models: [String]
        var rows: [(name: String, cells: [(value: Double, halfWidth: Double?)])] = []
    }

    /// Every table under a "share of conversions" or "revenue" caption in `stdout`.
    static func tables(_ stdout: String) -> [Printed] {
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var tables: [Printed] = []
        var i = 0
        while i < lines.count {
            guard lines[i].hasPrefix("share of conversions") || lines[i] == "revenue", i + 2 < lines.count else { i += 1; continue }
            var table = Printed(caption: lines[i], models: lines[i + 1].split(separator: " ").dropFirst().map(String.init))
            i += 3  // caption, header, rule
            while i < lines.count, !lines[i].isEmpty, !lines[i].hasPrefix("±") {
                let tokens = lines[i].split(separator: " ").map(String.init)
                var cells: [(Double, Double?)] = []
                for token in tokens.dropFirst() {
                    if token.hasPrefix("±") {
                        cells[cells.count - 1].1 = Double(token.dropFirst())
                    } else {
                        cells.append((Double(token) ?? .nan, nil))
                    }
                }
                table.rows.append((tokens[0], cells))
                i += 1
            }
            tables.append(table)
        }
        return tables
    }

    @Test func everyPrintedNumberMatchesTheFilesAndNoLinePassesHundredColumns() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(try cli.run(["generate", "--users", "2000", "--out", "sample.csv"]).status == 0)
        let out = try cli.run([
            "attribute", "sample.csv", "--conversion-event", "purchase", "--value-column", "revenue",
            "--models", "all", "--intervals", "--bootstrap", "30",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        for line in out.stdout.split(separator: "\n") where !line.hasPrefix("wrote ") && !line.hasPrefix("± ") {
            #expect(line.count <= 100, "too wide: \(line)")
        }
        let rows = try cli.attributionRows()
        let intervals = try IntervalCommandTests.intervalRows(cli, "results")
        let models = Set(rows.keys.map { String($0.split(separator: "/")[0]) })
        let channels = Set(rows.keys.map { String($0.split(separator: "/")[1]) })
        let tables = Self.tables(out.stdout)
        let shares = tables.filter { $0.caption.hasPrefix("share") }, revenue = tables.filter { $0.caption == "revenue" }
        #expect(shares.count >= 2, "nine models do not fit one table of 100 columns")
        #expect(Set(shares.flatMap(\.models)) == models && shares.flatMap(\.models).count == models.count)
        #expect(Set(revenue.flatMap(\.models)) == models)

        var checked = 0
        for table in shares {
            #expect(Set(table.rows.map(\.name)) == channels.union(["conversions"]))
            for row in table.rows {
                for (model, cell) in zip(table.models, row.cells) {
                    if row.name == "conversions" {
                        let total = rows.filter { $0.key.hasPrefix(model + "/") }.values.map(\.0).reduce(0, +)
                        #expect(abs(cell.value - total) <= 0.05 + 1e-9, "\(model) total")
                        continue
                    }
                    let key = model + "/" + row.name
                    #expect(abs(cell.value - rows[key]!.1 * 100) <= 0.05 + 1e-9, "\(key): \(cell.value)")
                    let b = try #require(intervals[key])
                    let half = try #require(cell.halfWidth, "\(key) has no ±")
                    #expect(abs(half - (b[3] - b[2]) / 2 * 100) <= 0.05 + 1e-9, "\(key) ±\(half)")
                    checked += 1
                }
            }
        }
        for table in revenue {
            for row in table.rows {
                for (model, cell) in zip(table.models, row.cells) {
                    let expected =
                        row.name == "total"
                        ? rows.filter { $0.key.hasPrefix(model + "/") }.values.map { Double($0.2)! }.reduce(0, +)
                        : Double(rows[model + "/" + row.name]!.2)!
                    #expect(abs(cell.value - expected) <= 0.005 + 1e-9, "\(model)/\(row.name) revenue")
                    checked += 1
                }
            }
        }
        #expect(checked == 2 * models.count * channels.count + models.count)
    }

    static func results() -> ([ModelResult], IntervalReport) {
        let channels = ChannelIndex(names: ["a-rather-long-channel", "b"])
        let results = ["m1", "m2"].map { ModelResult(model: $0, channels: channels, conversions: [1.5, 0.5], revenue: nil) }
        let band = CreditInterval(conversionsLow: 1, conversionsHigh: 2, shareLow: 0.5, shareHigh: 0.9)
        let report = IntervalReport(
            options: IntervalOptions(replicates: 30),
            models: ["m1", "m2"].map {
                ModelIntervals(model: $0, channels: channels, intervals: [band, band], replicates: 30)
            }, excludedModels: [])
        return (results, report)
    }

    @Test func intervalsThatDoNotFitAreLeftToTheFile() {
        let (results, report) = Self.results()
        let wide = CreditTables.render(results, intervals: report, width: 100)
        #expect(wide.contains("75.0 ±20.0") && !wide.contains("do not fit"), "\(wide)")
        #expect(wide.split(separator: "\n").filter { $0.hasPrefix("channel") }.count == 1)

        // 21 + 2 + "75.0 ±20.0" is 33 columns: over 32, so no ±, and one model per table.
        let narrow = CreditTables.render(results, intervals: report, width: 32)
        #expect(narrow.contains("the intervals do not fit the terminal: see attribution_intervals.csv"), "\(narrow)")
        #expect(!narrow.contains("±"))
        #expect(narrow.split(separator: "\n").filter { $0.hasPrefix("channel") }.count == 2)
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 32 || $0.hasPrefix("(the intervals") })
    }
}
