import AttributionCore
import AttributionIO
import Testing

@testable import AttributionReport

@Suite("ModelsSection")
struct ModelsSectionTests {
    /// Every conversion, share and revenue the report shows is the CSV's number, both in
    /// full precision (data-value) and formatted from that same double.
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
            #expect(shown["conversions"]?.shown == NumberFormat.conversions(Double(row[2])!))
            #expect(shown["share"]?.shown == NumberFormat.percent(Double(row[3])!))
            #expect(shown["revenue"]?.shown == NumberFormat.money(Double(row[4])!))
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

    @Test func modelFamilies() {
        #expect(ReportRegistry.family(of: "markov") == "markov")
        #expect(ReportRegistry.family(of: "markov-3") == "markov")
        #expect(ReportRegistry.family(of: "shapley-rate") == "shapley-rate")
        #expect(ReportRegistry.details(for: "markov-2").count == 2)
        #expect(ReportRegistry.details(for: "linear").isEmpty)
    }
}
