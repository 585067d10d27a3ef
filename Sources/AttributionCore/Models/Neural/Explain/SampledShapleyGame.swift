/// One window's Shapley values estimated from seeded random permutations of its
/// cells, taken in antithetic pairs (an order, then its reverse) and in rounds, so
/// that sampling can stop once the totals are precise enough. The permutations are
/// the same however the pairs are split into rounds.
struct SampledShapleyGame {
    let window: Int
    /// Conversions the window stands for.
    let weight: Double
    let cells: [(day: Int, channel: Int)]
    private var rng: SeededGenerator
    private var order: [Int]
    private(set) var pairs = 0
    /// Per cell, and per channel, the sum and the sum of squares of each pair's mean
    /// marginal contribution: a pair's two permutations are one observation, since
    /// they are not independent.
    private(set) var sum: [Double], squares: [Double]
    private(set) var channelSum: [Double], channelSquares: [Double]

    /// Windows planned for one round: per permutation its order and its n + 1 prefixes
    /// from the empty one.
    struct Round {
        var orders: [Int] = []
        var prefixes: [Int32] = []
    }

    init(window: Int, weight: Double, cells: [(day: Int, channel: Int)], channels: Int, seed: UInt64) {
        self.window = window
        self.weight = weight
        self.cells = cells
        rng = SeededGenerator(seed: seed, stream: UInt64(window))
        order = Array(cells.indices)
        sum = [Double](repeating: 0, count: cells.count)
        squares = sum
        channelSum = [Double](repeating: 0, count: channels)
        channelSquares = channelSum
    }

    /// The next `count` pairs' prefixes, added to `scores`.
    mutating func plan(pairs count: Int, days: Int, scores: inout WindowScores) -> Round {
        var round = Round()
        var scratch = [UInt64](repeating: 0, count: days)
        let zero = scores.index(scratch)
        for k in 0..<(2 * count) {
            if k % 2 == 0 {
                for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            } else {
                order.reverse()
            }
            round.orders.append(contentsOf: order)
            // Built cell by cell, not as a bitmask: a window may hold more than 64 cells.
            for d in scratch.indices { scratch[d] = 0 }
            round.prefixes.append(zero)
            for i in order {
                scratch[cells[i].day] |= 1 << UInt64(cells[i].channel)
                round.prefixes.append(scores.index(scratch))
            }
            if k % 2 == 1 { order.reverse() }
        }
        return round
    }

    /// Adds a scored round's marginal contributions.
    mutating func accumulate(_ round: Round, scores: WindowScores) {
        let n = cells.count
        var pairCell = [Double](repeating: 0, count: n)
        var perChannel = [Double](repeating: 0, count: channelSum.count)
        for pair in 0..<(round.orders.count / (2 * n)) {
            for i in 0..<n { pairCell[i] = 0 }
            for c in perChannel.indices { perChannel[c] = 0 }
            for p in (2 * pair)..<(2 * pair + 2) {
                let base = p * (n + 1)
                for k in 0..<n {
                    let i = round.orders[p * n + k]
                    let m = (scores[round.prefixes[base + k + 1]] - scores[round.prefixes[base + k]]) / 2
                    pairCell[i] += m
                    perChannel[cells[i].channel] += m
                }
            }
            for i in 0..<n {
                sum[i] += pairCell[i]
                squares[i] += pairCell[i] * pairCell[i]
            }
            for c in perChannel.indices {
                channelSum[c] += perChannel[c]
                channelSquares[c] += perChannel[c] * perChannel[c]
            }
            pairs += 1
        }
    }

    /// Weighted mean value of cell i (or of channel c's cells), and the variance of that mean.
    func cell(_ i: Int) -> (value: Double, variance: Double) { estimate(sum[i], squares[i]) }
    func channel(_ c: Int) -> (value: Double, variance: Double) { estimate(channelSum[c], channelSquares[c]) }

    private func estimate(_ total: Double, _ sq: Double) -> (value: Double, variance: Double) {
        let s = Double(pairs)
        guard s > 0 else { return (0, 0) }
        let variance = s > 1 ? max(0, (sq - total * total / s) / (s - 1)) / s : 0
        return (weight * total / s, weight * weight * variance)
    }
}
