import Testing

@testable import AttributionCore

/// CSV numbers: integers where a value is one up to float noise, else 10 significant digits.
@Suite struct RoundedNumberTests {
    @Test(arguments: [
        (9360.000000000005, "9360"),
        (0.1 + 0.2, "0.3"),
        (1.0 / 3.0, "0.3333333333"),
        (2.0 / 3.0 * 1000, "666.6666667"),
        (-2.0000000001, "-2"),
        (-0.0, "0"),
        (0, "0"),
        (1e-12, "1e-12"),
        (123456.78901234, "123456.789"),
        (42, "42"),
        (1e20, "1e+20"),
    ])
    func rounded(_ value: Double, _ text: String) {
        #expect(JSONValue.formatRounded(value) == text)
    }

    /// Never further from the value than 1e-9 of it (the integer rule's bound; the
    /// 10th digit's is half that); a fraction never has a noisy tail.
    @Test func roundingKeepsTenSignificantDigits() {
        var x = 0.000123456789
        for _ in 0..<60 {
            let text = JSONValue.formatRounded(x)
            let back = Double(text)!
            #expect(abs(back - x) <= 1e-9 * abs(x), "\(x) → \(text)")
            if text.contains(".") {
                #expect(abs(back - x) <= 5e-10 * abs(x), "\(x) → \(text)")
                let digits = String(text.split(separator: "e")[0].filter(\.isNumber).drop { $0 == "0" }.reversed()).drop { $0 == "0" }
                #expect(digits.count <= 10, "\(x) → \(text)")
            }
            x *= 3.7
        }
    }

    /// A value a little off an integer, but not by float noise, keeps its fraction.
    @Test func aRealFractionIsNotTakenForAnInteger() {
        #expect(JSONValue.formatRounded(1000.001) == "1000.001")
        #expect(JSONValue.formatRounded(0.9999) == "0.9999")
    }

    @Test func attributionJSONKeepsFullPrecision() {
        #expect(JSONValue.number(9360.000000000005).serialized() == "9360.000000000005")
    }
}
