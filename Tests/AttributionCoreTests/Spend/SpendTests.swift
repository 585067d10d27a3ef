import Testing

@testable import AttributionCore

@Suite("Spend")
struct SpendTests {
    // 2024-01-01 is day 19 723 since 1970-01-01 (1 704 067 200 s / 86 400).
    static let jan1: Int64 = 19_723

    @Test func periods() {
        #expect(SpendPeriod.parse("2024-01-01") == SpendPeriod(firstDay: Self.jan1, lastDay: Self.jan1, label: "2024-01-01"))
        // February of a leap year: days 31 … 59 of the year.
        #expect(SpendPeriod.parse("2024-02") == SpendPeriod(firstDay: Self.jan1 + 31, lastDay: Self.jan1 + 59, label: "2024-02"))
        #expect(SpendPeriod.parse("1970-01-01")?.firstDay == 0)
        #expect(SpendPeriod.parse("1969-12")?.lastDay == -1)
        for bad in ["2023-02-29", "2024-13", "2024-00", "24-01-01", "2024-1-01", "2024/01", "2024-01-32", "", "2024-01-01T00"] {
            #expect(SpendPeriod.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func windowOfJourneys() {
        let day = Fixtures.day
        let start = Self.jan1 * day
        let journeys = JourneyBuilder.build(
            Fixtures.events([
                ("u1", "email", Double(start) / Double(day) + 0.5, 0), ("u1", nil, Double(start) / Double(day) + 3.2, 1),
            ]))
        #expect(AnalysisWindow(journeys: journeys) == AnalysisWindow(firstDay: Self.jan1, lastDay: Self.jan1 + 3))
        #expect(AnalysisWindow(journeys: JourneySet(channels: ChannelIndex())) == nil)
    }

    static let table = SpendTable(
        source: "spend.csv",
        rows: [
            .init(channel: "email", period: SpendPeriod.parse("2024-02"), amount: 100),
            .init(channel: "email", period: SpendPeriod.parse("2024-03-06"), amount: 50),
            .init(channel: "search", period: SpendPeriod.parse("2024-01"), amount: 70),
            .init(channel: "search", period: nil, amount: 30),
            .init(channel: "display", period: SpendPeriod.parse("2024-03-01"), amount: 20),
            .init(channel: "display", period: SpendPeriod.parse("2024-03-01"), amount: 5),
        ])

    @Test func spendInTheWindow() {
        // 2024-02-10 … 2024-03-05: February overlaps (counted in full), 03-06 and January do not.
        let window = AnalysisWindow(firstDay: Self.jan1 + 40, lastDay: Self.jan1 + 64)
        let s = Self.table.spend(in: window)
        #expect(s.spend.map(\.channel) == ["display", "email", "search"])
        #expect(s.spend.map(\.amount) == [25, 100, 30])
        #expect(s.rowsOutsideWindow == 2)
        let all = Self.table.spend(in: nil)
        #expect(all.spend.map(\.amount) == [25, 150, 100])
        #expect(all.rowsOutsideWindow == 0)
    }

    @Test func costPerConversionAndROAS() {
        let channels = ChannelIndex(names: ["email", "search", "social"])
        let r = ModelResult(model: "linear", channels: channels, conversions: [3, 1, 2], revenue: [300, 40, 10])
        let spend = ChannelSpend(source: "s", window: nil, spend: [("display", 20), ("email", 150), ("search", 0)])
        let rows = SpendReturns.rows(results: [r], spend: spend)
        #expect(
            rows == [
                // spend, no credit: listed, ROAS 0, no cost per conversion.
                SpendReturn(model: "linear", channel: "display", spend: 20, conversions: 0, revenue: 0),
                SpendReturn(model: "linear", channel: "email", spend: 150, conversions: 3, revenue: 300),
                SpendReturn(model: "linear", channel: "search", spend: 0, conversions: 1, revenue: 40),
                // credit, no spend: listed, nothing to divide.
                SpendReturn(model: "linear", channel: "social", spend: nil, conversions: 2, revenue: 10),
            ])
        // search spent 0: no cost per conversion (it read "0.00", as if conversions came free).
        #expect(rows.map(\.costPerConversion) == [nil, 50, nil, nil])
        #expect(rows.map(\.roas) == [0, 2, nil, nil])

        let noRevenue = ModelResult(model: "first-touch", channels: channels, conversions: [-1, 4, 0], revenue: nil)
        let plain = SpendReturns.rows(results: [noRevenue], spend: spend)
        #expect(plain.allSatisfy { $0.roas == nil && $0.revenue == nil })
        // Negative credit has no meaningful cost per conversion.
        #expect(plain.map(\.costPerConversion) == [nil, nil, nil, nil])
    }
}
