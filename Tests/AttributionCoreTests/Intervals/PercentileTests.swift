import Testing

@testable import AttributionCore

@Suite struct PercentileTests {
    /// Type 7: position (n − 1)·q between order statistics, worked by hand.
    @Test func interpolatesBetweenOrderStatistics() {
        let v = [1.0, 2, 3, 4, 5]
        #expect(Percentile.of(sorted: v, 0) == 1)
        #expect(Percentile.of(sorted: v, 0.25) == 2)
        #expect(abs(Percentile.of(sorted: v, 0.1) - 1.4) < 1e-12)
        #expect(abs(Percentile.of(sorted: v, 0.975) - 4.9) < 1e-12)
        #expect(Percentile.of(sorted: v, 1) == 5)
        #expect(Percentile.of(sorted: [7], 0.025) == 7)
        // 200 replicates: the 2.5 % point sits between the 5th and 6th smallest (index 4.975).
        let r = (0..<200).map(Double.init)
        #expect(abs(Percentile.of(sorted: r, 0.025) - 4.975) < 1e-12)
        #expect(abs(Percentile.of(sorted: r, 0.975) - 194.025) < 1e-12)
    }
}
