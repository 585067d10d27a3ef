import AttributionCore
import Testing

@testable import AttributionReport

@Suite("NeuralDetails")
struct NeuralDetailsTests {
    static func result(_ model: String, _ table: DetailTable, details: [(key: String, value: DetailValue)] = []) -> ModelResult {
        var channels = ChannelIndex()
        _ = channels.id(for: "email")
        _ = channels.id(for: "search")
        var r = ModelResult(model: model, channels: channels, conversions: [1, 1], revenue: nil)
        r.tables = [table]
        r.details = details
        return r
    }

    @Test func byDayHeatMapHasAColumnPerDayARowPerChannelAndKeepsNegativeValues() throws {
        var table = DetailTable(kind: NeuralModel.byDayKind, header: ["days_before_conversion", "channel", "value", "share"])
        table.rows = [
            [.integer(0), .text("email"), .number(3), .number(0.75)], [.integer(0), .text("search"), .number(-0.4), .number(-0.1)],
            [.integer(1), .text("email"), .number(1), .number(0.25)], [.integer(1), .text("search"), .number(0.4), .number(0.1)],
        ]
        let html = try #require(NeuralByDayDetail().render(Self.result("neural", table)))
        #expect(html.contains("conversion day") && html.contains("1 day before"))
        // email (1.0 in all) is the first row, search (0.0) the second; −10 % is written, not clipped.
        #expect(html.range(of: ">email<")!.lowerBound < html.range(of: ">search<")!.lowerBound)
        #expect(html.contains(NumberFormat.percent(-0.1)))
    }

    @Test func incrementalBarsAreSortedAndTheCaptionComparesExpectedWithObserved() throws {
        var table = DetailTable(
            kind: NeuralModel.incrementalTable,
            header: ["channel", "incremental_conversions", "share", "expected_conversions", "observed_conversions"])
        table.rows = [
            [.text("email"), .number(2), .number(0.25), .number(101), .number(100)],
            [.text("search"), .number(6), .number(0.75), .number(101), .number(100)],
        ]
        let html = try #require(
            NeuralIncrementalDetail().render(
                Self.result(
                    "neural-removal", table, details: [("expected_conversions", .number(101)), ("observed_conversions", .number(100))])))
        #expect(html.range(of: ">search<")!.lowerBound < html.range(of: ">email<")!.lowerBound)
        #expect(html.contains("expects \(NumberFormat.conversions(101))") && html.contains("100 were observed"))
    }
}
