import Testing

@testable import AttributionCore

@Suite struct SampledShapleyGameTests {
    static let model = NeuralShapleyTests.model
    static let cells = NeuralShapley.activeCells([0b1111, 0b0110, 0b1001], channels: 4)

    func played(rounds: [Int]) -> SampledShapleyGame {
        var scores = WindowScores(days: 3, channels: 4)
        var game = SampledShapleyGame(window: 7, weight: 2, cells: Self.cells, channels: 4, seed: 5)
        for pairs in rounds {
            let round = game.plan(pairs: pairs, days: 3, scores: &scores)
            scores.scoreNew(Self.model)
            game.accumulate(round, scores: scores)
        }
        return game
    }

    @Test func theSamePermutationsHoweverThePairsAreSplitIntoRounds() {
        let whole = played(rounds: [10]), split = played(rounds: [3, 7]), thirds = played(rounds: [5, 1, 4])
        #expect(whole.pairs == 10 && split.pairs == 10 && thirds.pairs == 10)
        for other in [split, thirds] {
            for i in Self.cells.indices {
                #expect(abs(other.cell(i).value - whole.cell(i).value) < 1e-15)
                #expect(abs(other.cell(i).variance - whole.cell(i).variance) < 1e-15)
            }
        }
        // Not all the same order: the cells' estimates vary from pair to pair.
        #expect(Self.cells.indices.contains { whole.cell($0).variance > 0 })
    }

    /// Every permutation's contributions add up to f(x) − f(0), whatever the round.
    @Test func eachRoundIsEfficient() {
        let game = played(rounds: [2, 3])
        var window = WindowCounts(days: 3, channels: 4)
        window.add([0b1111, 0b0110, 0b1001], positives: 1, negatives: 0)
        window.add([0, 0, 0], positives: 0, negatives: 1)
        let f = Self.model.probabilities(window.windows)
        let total = Self.cells.indices.map { game.cell($0).value }.reduce(0, +)
        #expect(abs(total - 2 * (f[0] - f[1])) < 1e-12)
    }

    @Test func samplingStopsOnceTheSharesArePreciseEnough() {
        var o = NeuralShapley.Options()
        o.exactLimit = 2
        o.samples = 200
        o.seed = 3
        o.shareError = 0
        let all = NeuralShapley.explain(Self.model, counts: NeuralShapleyTests.counts, options: o)
        #expect(all.permutationsPerWindow == 200 && all.sampledWindows == 2)
        o.shareError = 0.9
        let first = NeuralShapley.explain(Self.model, counts: NeuralShapleyTests.counts, options: o)
        #expect(first.permutationsPerWindow == 2 * NeuralShapley.firstRoundPairs)
        // Between the two: stopped at the first round whose errors are within the bound.
        let bound = all.channelError.map { $0 / abs(all.total) }.max()! * 3
        o.shareError = bound
        let stopped = NeuralShapley.explain(Self.model, counts: NeuralShapleyTests.counts, options: o)
        #expect(stopped.permutationsPerWindow < 200 && stopped.permutationsPerWindow > 10, "\(stopped.permutationsPerWindow)")
        for c in 0..<4 { #expect(stopped.channelError[c] <= bound * abs(stopped.total) + 1e-15) }
        #expect(abs(stopped.total - all.total) < 1e-12)
    }
}
