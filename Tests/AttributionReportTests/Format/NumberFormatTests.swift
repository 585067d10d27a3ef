import AttributionIO
import Testing

@testable import AttributionReport

@Suite("NumberFormat")
struct NumberFormatTests {
    @Test func thousandsSeparators() {
        #expect(NumberFormat.grouped(1_234_567.891, decimals: 1) == "1,234,567.9")
        #expect(NumberFormat.grouped(999.95, decimals: 1) == "1,000.0")
        #expect(NumberFormat.grouped(12, decimals: 0) == "12")
        #expect(NumberFormat.grouped(-4_321.5, decimals: 2) == "−4,321.50")
        #expect(NumberFormat.grouped(-0.01, decimals: 1) == "0.0")
        #expect(NumberFormat.count(100_000) == "100,000")
        #expect(NumberFormat.count(2.5) == "2.5")
        #expect(NumberFormat.money(1234.5) == "1,234.50")
    }

    @Test func percentages() {
        #expect(NumberFormat.percent(0.1234) == "12.3 %")
        #expect(NumberFormat.percent(0.004567) == "0.46 %")
        #expect(NumberFormat.percent(0) == "0.0 %")
        #expect(NumberFormat.percent(1) == "100.0 %")
    }

    @Test func exactIsTheCSVForm() {
        #expect(NumberFormat.exact(3) == "3")
        // The CSV files round away float noise; data-value must read the same.
        #expect(NumberFormat.exact(0.1 + 0.2) == "0.3")
        #expect(NumberFormat.exact(1.0 / 3.0) == CSVWriter.number(1.0 / 3.0))
    }
}
