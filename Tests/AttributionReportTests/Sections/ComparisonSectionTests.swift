import Testing

@testable import AttributionReport

@Suite("ComparisonSection")
struct ComparisonSectionTests {
    @Test func namesTheWidestSpreads() {
        // a: 0.5 vs 0.2 → 30 %; b: 0.3 vs 0.3 → 0; c: 0.2 vs 0.5 → 30 %; d: 0 vs 0.05 → 5 %.
        let shares: [[String: Double]] = [["a": 0.5, "b": 0.3, "c": 0.2, "d": 0], ["a": 0.2, "b": 0.3, "c": 0.45, "d": 0.05]]
        let s = ComparisonSection().disagreement(channels: ["a", "b", "c", "d"], shares: shares, models: 2)
        #expect(s.hasPrefix("The models disagree most on a (30.0 points apart), c (25.0 points apart) and d (5.0 points apart)"))
    }

    @Test func agreementAndSingleModel() {
        let same: [[String: Double]] = [["a": 0.5, "b": 0.5], ["a": 0.5, "b": 0.5]]
        #expect(
            ComparisonSection().disagreement(channels: ["a", "b"], shares: same, models: 2)
                == "All models give every channel the same share.")
        #expect(ComparisonSection().disagreement(channels: ["a"], shares: [["a": 1]], models: 1).hasPrefix("Only one model"))
    }
}
