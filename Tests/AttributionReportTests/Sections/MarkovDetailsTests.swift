import Testing

@testable import AttributionReport

@Suite("MarkovDetails")
struct MarkovDetailsTests {
    /// start → a (1); a → a 0.5, a → b 0.25, a → conv 0.25; b → conv 1.
    /// Visits: a = 1 / (1 − 0.5) = 2; b = 2 × 0.25 = 0.5.
    @Test func expectedVisitsByHand() {
        let v = MarkovTransitionsDetail.expectedVisits([
            ("(start)", "a", 1), ("a", "a", 0.5), ("a", "b", 0.25), ("a", "(conversion)", 0.25), ("b", "(conversion)", 1),
        ])
        #expect(abs(v["(start)"]! - 1) < 1e-9)
        #expect(abs(v["a"]! - 2) < 1e-9)
        #expect(abs(v["b"]! - 0.5) < 1e-9)
    }
}
