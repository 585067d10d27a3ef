import Foundation
import Testing

@testable import AttributionCore

/// The draws are checked against the Poisson distribution itself: its pmf cell by
/// cell, its mean and its variance, at every regime (table, inversion, rejection).
@Suite struct PoissonDrawTests {
    static func pmf(_ k: Int, _ mean: Double) -> Double { exp(Double(k) * log(mean) - mean - lgamma(Double(k) + 1)) }

    /// Observed count per k within 5 standard errors of n·pmf(k), for every k with n·pmf ≥ 20.
    static func expectMatchesPMF(_ draws: [Double], mean: Double) {
        var counts: [Int: Int] = [:]
        for d in draws { counts[Int(d), default: 0] += 1 }
        let n = Double(draws.count)
        var checked = 0
        for k in 0..<Int(mean * 4 + 20) {
            let expected = n * pmf(k, mean)
            guard expected >= 20 else { continue }
            let observed = Double(counts[k] ?? 0)
            #expect(abs(observed - expected) < 5 * expected.squareRoot(), "mean \(mean), k \(k): \(observed) vs \(expected)")
            checked += 1
        }
        #expect(checked >= 3)
    }

    @Test func unitWeightsFollowPoissonOne() {
        var rng = SeededGenerator(seed: 3)
        let draws = (0..<200_000).map { _ in Double(PoissonDraw.unitWeight(&rng)) }
        Self.expectMatchesPMF(draws, mean: 1)
        // P(0) = e^-1: the share of journeys left out of a replicate.
        let zeros = Double(draws.filter { $0 == 0 }.count) / 200_000
        #expect(abs(zeros - exp(-1)) < 0.005)
    }

    @Test(arguments: [0.3, 2.5, 9.99, 10, 12, 37.5])
    func drawsFollowThePMF(mean: Double) {
        var rng = SeededGenerator(seed: 11)
        Self.expectMatchesPMF((0..<200_000).map { _ in PoissonDraw.draw(mean: mean, &rng) }, mean: mean)
    }

    /// Large counts (a path seen by 100 000 journeys): mean and variance both λ.
    @Test(arguments: [1_000.0, 100_000.0])
    func largeMeansHaveMeanAndVarianceLambda(mean: Double) {
        var rng = SeededGenerator(seed: 5)
        let n = 50_000.0
        let draws = (0..<Int(n)).map { _ in PoissonDraw.draw(mean: mean, &rng) }
        let m = draws.reduce(0, +) / n
        let v = draws.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
        #expect(abs(m - mean) < 5 * (mean / n).squareRoot())
        // The variance of a sample variance is about 2σ⁴/n for a near-normal law.
        #expect(abs(v - mean) < 5 * mean * (2 / n).squareRoot())
        #expect(draws.allSatisfy { $0 == $0.rounded() && $0 >= 0 })
    }

    @Test func zeroAndBadMeansDrawZero() {
        var rng = SeededGenerator(seed: 1)
        #expect(PoissonDraw.draw(mean: 0, &rng) == 0)
        #expect(PoissonDraw.draw(mean: -3, &rng) == 0)
        #expect(PoissonDraw.draw(mean: .nan, &rng) == 0)
    }

    @Test func logFactorialMatchesLogGamma() {
        for k in [0, 1, 2, 5, 15, 16, 17, 30, 100, 12_345] {
            #expect(abs(PoissonDraw.logFactorial(Double(k)) - lgamma(Double(k) + 1)) < 1e-9 * max(1, lgamma(Double(k) + 1)), "k \(k)")
        }
    }
}
