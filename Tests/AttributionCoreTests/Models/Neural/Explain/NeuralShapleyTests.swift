import Foundation
import Testing

@testable import AttributionCore

@Suite struct NeuralShapleyTests {
    /// An untrained network has no structure to hide errors behind: its values must
    /// still add up exactly.
    static let model = TrainedModel(
        network: ConversionNetwork(shape: NetworkShape(days: 3, channels: 4, width: 5, layers: 1, dropout: 0), seed: 9),
        calibrationShift: -2, options: TrainingOptions())

    static let counts: WindowCounts = {
        var counts = WindowCounts(days: 3, channels: 4)
        counts.add([0b0001, 0, 0b0010], positives: 3, negatives: 10)  // 2 cells
        counts.add([0b0101, 0b1000, 0b0011], positives: 2, negatives: 1)  // 5 cells
        counts.add([0b1111, 0b0110, 0b1001], positives: 1, negatives: 0)  // 8 cells
        counts.add([0, 0, 0], positives: 4, negatives: 100)  // no touch: no value
        counts.add([0, 0, 0b0100], positives: 0, negatives: 7)  // negatives are not explained
        return counts
    }()

    @Test func valuesSumToEachWindowsLiftAndByDayToTheChannels() {
        let e = NeuralShapley.explain(Self.model, counts: Self.counts)
        let f = Self.model.probabilities(Self.counts.windows)
        var lift = 0.0
        for w in 0..<Self.counts.count { lift += Double(Self.counts.positives[w]) * (f[w] - e.baseline) }
        #expect(abs(e.total - lift) < 1e-9, "\(e.total) vs \(lift)")
        #expect(e.conversions == 10 && e.exactWindows == 3 && e.sampledWindows == 0)
        for c in 0..<4 {
            let byDay = (0..<3).map { e.cell(daysBeforeConversion: $0, channel: c) }.reduce(0, +)
            #expect(abs(byDay - e.channelValue[c]) < 1e-12)
        }
        #expect(abs(e.channelShare.reduce(0, +) - 1) < 1e-12)
        #expect(abs(e.channelConversions.reduce(0, +) - 10) < 1e-9)
        #expect(e.valueError.allSatisfy { $0 == 0 })
        // A cell no positive window has gets nothing: channel 2 on the conversion day is only in a negative.
        #expect(e.cell(daysBeforeConversion: 0, channel: 2) == 0)
        #expect(e.cell(daysBeforeConversion: 0, channel: 1) != 0)
    }

    @Test func exactValuesMatchTheAverageOverEveryOrder() {
        // A game with interactions: v(S) = (Σ_{i∈S} a_i)² + 3·[0,2 ∈ S].
        let a = [0.3, -0.5, 1.2, 0.7]
        func v(_ s: Int) -> Double {
            var x = 0.0
            for i in 0..<4 where s & (1 << i) != 0 { x += a[i] }
            return x * x + (s & 0b101 == 0b101 ? 3 : 0)
        }
        let phi = NeuralShapley.exactValues(n: 4, v)
        var brute = [Double](repeating: 0, count: 4)
        func permutations(_ items: [Int]) -> [[Int]] {
            items.count <= 1
                ? [items]
                : items.indices.flatMap { k in
                    permutations(items.enumerated().filter { $0.offset != k }.map(\.element)).map { [items[k]] + $0 }
                }
        }
        let all = permutations([0, 1, 2, 3])
        #expect(all.count == 24)
        for order in all {
            var s = 0
            for i in order {
                brute[i] += (v(s | 1 << i) - v(s)) / 24
                s |= 1 << i
            }
        }
        for i in 0..<4 { #expect(abs(phi[i] - brute[i]) < 1e-12, "\(phi) vs \(brute)") }
        #expect(abs(phi.reduce(0, +) - (v(15) - v(0))) < 1e-12)
        // Symmetry: two players with the same role get the same value.
        let sym = NeuralShapley.exactValues(n: 3) { s in Double((s & 1) + (s >> 1 & 1)) * 2 + Double(s >> 2 & 1) }
        #expect(abs(sym[0] - sym[1]) < 1e-12 && abs(sym[0] - 2) < 1e-12 && abs(sym[2] - 1) < 1e-12)
    }

    @Test func sampledValuesAgreeWithExactWithinTheirError() {
        let exact = NeuralShapley.explain(Self.model, counts: Self.counts)
        var o = NeuralShapley.Options()
        o.exactLimit = 2
        o.samples = 4_000
        o.seed = 11
        let sampled = NeuralShapley.explain(Self.model, counts: Self.counts, options: o)
        #expect(sampled.sampledWindows == 2 && sampled.exactWindows == 1)
        // Permutation estimates are exactly efficient per permutation.
        #expect(abs(sampled.total - exact.total) < 1e-9)
        for c in 0..<4 {
            let difference = abs(sampled.channelValue[c] - exact.channelValue[c])
            #expect(
                sampled.channelError[c] > 0 && difference < 4 * sampled.channelError[c] + 1e-12,
                "channel \(c): \(sampled.channelValue[c]) vs \(exact.channelValue[c]) ± \(sampled.channelError[c])")
        }
        for k in exact.value.indices {
            #expect(abs(sampled.value[k] - exact.value[k]) < 4 * sampled.valueError[k] + 1e-12)
        }
        // Seeded: the same numbers again.
        #expect(NeuralShapley.explain(Self.model, counts: Self.counts, options: o).value == sampled.value)
    }

    /// 7 days × 12 channels all touched: 84 active cells, more than a 64-bit subset holds.
    @Test func aWindowWithMoreThan64CellsIsSampledAndStillAddsUp() {
        let model = TrainedModel(
            network: ConversionNetwork(shape: NetworkShape(days: 7, channels: 12, width: 3, layers: 1, dropout: 0), seed: 2),
            calibrationShift: -2, options: TrainingOptions())
        var counts = WindowCounts(days: 7, channels: 12)
        counts.add([UInt64](repeating: 0xFFF, count: 7), positives: 2, negatives: 0)
        var options = NeuralShapley.Options()
        options.samples = 9  // rounded up to 5 antithetic pairs
        let e = NeuralShapley.explain(model, counts: counts, options: options)
        let f = model.probabilities(counts.windows)
        #expect(e.sampledWindows == 1)
        #expect(abs(e.total - 2 * (f[0] - e.baseline)) < 1e-9, "\(e.total) vs \(2 * (f[0] - e.baseline))")
        #expect(e.value.allSatisfy { $0 != 0 })
    }
}
