import AttributionCore
import AttributionIO
import Testing

@testable import AttributionReport

@Suite("FamilySection")
struct FamilySectionTests {
    /// Every conversion, share and revenue the report shows is the CSV's number, both
    /// exactly (data-value) and formatted from that double up to the CSV's rounding.
    @Test(arguments: [3, 40])
    func creditEqualsAttributionCSV(channels: Int) throws {
        let doc = try ReportFixtures.document(channels: channels, users: 1_200, exactMax: 3)
        let cells = HTMLProbe(html: HTMLReport.render(doc)).creditCells()
        let csv = CSVRows.parse(ResultFiles.attributionCSV(doc.results))
        #expect(csv.first == ["model", "channel", "conversions", "share", "revenue"])
        #expect(csv.count - 1 == doc.results.reduce(0) { $0 + $1.channels.count })
        var checked = 0
        for row in csv.dropFirst() {
            let shown = try #require(cells[row[0] + "\u{1}" + row[1]], "\(row[0]) \(row[1]) is in the report")
            #expect(shown["conversions"]?.value == row[2])
            #expect(shown["share"]?.value == row[3])
            #expect(shown["revenue"]?.value == row[4])
            // The CSV rounds to 10 significant digits (or the integer within 1e-9), the page
            // formats the full double: at a tie (79.05 vs 79.050000000001) either side is right.
            func withinRounding(_ text: String, _ format: (Double) -> String) -> Set<String> {
                let v = Double(text)!
                return Set([v * (1 - 1e-9), v, v * (1 + 1e-9)].map(format))
            }
            #expect(withinRounding(row[2], NumberFormat.conversions).contains(shown["conversions"]?.shown ?? ""))
            #expect(withinRounding(row[3], NumberFormat.percent).contains(shown["share"]?.shown ?? ""))
            #expect(withinRounding(row[4], NumberFormat.money).contains(shown["revenue"]?.shown ?? ""))
            checked += 1
        }
        #expect(checked > 0)
    }

    @Test func hostileChannelNamesAreEscaped() throws {
        let hostile = "<script>alert(1)</script>"
        let doc = try ReportFixtures.pathDocument([
            ("\(hostile)|a & b", 3, 30, 1), ("\"quoted\" 'single'", 2, 20, 2), ("a & b", 1, 5, 4),
        ])
        let html = HTMLReport.render(doc)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("a & b"))
        #expect(html.contains("a &amp; b"))
        #expect(!html.contains("\"quoted\""))
        #expect(html.contains("&quot;quoted&quot; &#39;single&#39;"))
        // The names still come back whole from the attributes.
        let channels = Set(HTMLProbe(html: html).creditCells().keys.map { String($0.split(separator: "\u{1}")[1]) })
        #expect(channels == [hostile, "a & b", "\"quoted\" 'single'"])
    }

    /// Charts follow the detail tables a result carries, by kind: `markov-2` gets
    /// Markov's charts without its name being parsed.
    @Test func detailChartsFollowTheTablesKinds() throws {
        var channels = ChannelIndex()
        let rows = [("a|b", 3.0, 1.0), ("b", 2, 2), ("a", 1, 4), ("b|a|b", 2, 1)].map { row in
            (row.0.split(separator: "|").map { channels.id(for: String($0)) }, row.1, row.2)
        }
        var builder = PathTableBuilder(channels: channels)
        for (steps, conversions, nulls) in rows { builder.add(steps[...], conversions: conversions, value: 0, nulls: nulls) }
        let input = AttributionInput(paths: builder.table, journeys: nil, hasValue: false)
        var options = ModelOptions()
        options.markovOrder = .fixed([1, 2])
        let outcomes = AttributionRun.run(try ModelRegistry.models(["markov", "linear"], options: options), on: input)
        let results = outcomes.compactMap { if case .success(let r) = $0 { r } else { nil } }
        #expect(results.map(\.model) == ["linear", "markov-1", "markov-2"])
        let markov2 = try #require(results.first { $0.model == "markov-2" })
        #expect(markov2.entry == "markov")
        #expect(ReportRegistry.details(for: markov2).map(\.table) == [MarkovModel.removalEffectsTable, MarkovModel.transitionsTable])
        #expect(ReportRegistry.details(for: results[0]).isEmpty)
    }
}
