import Foundation

/// Exact Shapley values of the calibrated model for every distinct positive window
/// over its active cells, with v(S) = f(x restricted to S) and v(∅) = f(0), so a
/// window's values sum to f(x) − f(0). Windows with more active cells than
/// `exactLimit` are estimated from seeded random permutations, with a standard
/// error. Every window the games need is scored once (identical sub-windows are
/// shared across windows), in large batches over both cores.
public enum NeuralShapley {
    public struct Options: Sendable, Equatable {
        /// Active cells up to which a window's 2ⁿ coalitions are enumerated.
        public var exactLimit = 12
        /// Permutations per window above the limit (taken in antithetic pairs: an odd
        /// number is rounded up).
        public var samples = 100
        public var seed: UInt64 = 1
        public init() {}
    }

    public static func explain(_ model: TrainedModel, counts: WindowCounts, options: Options = Options()) -> NeuralExplanation {
        let days = counts.days, channels = counts.channels
        var result = NeuralExplanation(days: days, channels: channels)
        var table = WindowCounts(days: days, channels: channels)
        var scratch = [UInt64](repeating: 0, count: days)
        let zero = scratch.withUnsafeBufferPointer { table.insert($0) }

        // 1. The plan: which scored window each coalition or permutation prefix is.
        var games: [Game] = []
        for w in 0..<counts.count where counts.positives[w] > 0 {
            let cells = activeCells(counts.windows.window(w), channels: channels)
            var game = Game(window: w, cells: cells, exact: cells.count <= options.exactLimit)
            if game.exact {
                for subset in 0..<(1 << cells.count) {
                    game.scored.append(score(subset: subset, cells, &scratch, &table))
                }
            } else {
                var rng = SeededGenerator(seed: options.seed, stream: UInt64(w))
                var order = Array(0..<cells.count)
                for k in 0..<(2 * pairs(options.samples)) {
                    // Antithetic pairs: every other permutation is the previous one reversed.
                    if k % 2 == 0 {
                        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
                    } else {
                        order.reverse()
                    }
                    game.orders.append(contentsOf: order)
                    // Built cell by cell, not as a bitmask: a window may hold more than 64 cells.
                    for d in scratch.indices { scratch[d] = 0 }
                    game.scored.append(zero)
                    for i in order {
                        scratch[cells[i].day] |= 1 << UInt64(cells[i].channel)
                        game.scored.append(scratch.withUnsafeBufferPointer { table.insert($0) })
                    }
                    if k % 2 == 1 { order.reverse() }
                }
            }
            games.append(game)
        }

        // 2. Every distinct window scored once.
        var f = [Double]()
        f.reserveCapacity(table.count)
        let chunk = 262_144
        for start in stride(from: 0, to: table.count, by: chunk) {
            f += model.probabilities(table.windows.gathering(start..<min(table.count, start + chunk)))
        }
        result.baseline = f[zero]

        // 3. The values, weighted by each window's conversions.
        for game in games {
            let weight = Double(counts.positives[game.window])
            result.conversions += weight
            let n = game.cells.count
            guard n > 0 else { continue }
            if game.exact {
                result.exactWindows += 1
                let phi = exactValues(n: n) { f[game.scored[$0]] }
                for (i, cell) in game.cells.enumerated() {
                    result.value[cell.day * channels + cell.channel] += weight * phi[i]
                    result.channelValue[cell.channel] += weight * phi[i]
                }
            } else {
                result.sampledWindows += 1
                accumulateSampled(game, f: f, weight: weight, samples: options.samples, into: &result)
            }
        }
        for k in result.valueError.indices { result.valueError[k] = result.valueError[k].squareRoot() }
        for c in result.channelError.indices { result.channelError[c] = result.channelError[c].squareRoot() }
        return result
    }

    struct Game {
        let window: Int
        let cells: [(day: Int, channel: Int)]
        let exact: Bool
        /// Exact: the scored window of each subset (bit i = cell i). Sampled: per
        /// permutation, n + 1 prefixes from the empty one.
        var scored: [Int] = []
        var orders: [Int] = []
    }

    static func activeCells(_ masks: ArraySlice<UInt64>, channels: Int) -> [(day: Int, channel: Int)] {
        var cells: [(day: Int, channel: Int)] = []
        for (d, mask) in masks.enumerated() {
            var m = mask
            while m != 0 {
                cells.append((d, m.trailingZeroBitCount))
                m &= m - 1
            }
        }
        return cells
    }

    static func score(subset: Int, _ cells: [(day: Int, channel: Int)], _ scratch: inout [UInt64], _ table: inout WindowCounts) -> Int {
        for k in scratch.indices { scratch[k] = 0 }
        var s = subset
        while s != 0 {
            let i = s.trailingZeroBitCount
            scratch[cells[i].day] |= 1 << UInt64(cells[i].channel)
            s &= s - 1
        }
        return scratch.withUnsafeBufferPointer { table.insert($0) }
    }

    /// φᵢ = Σ_{S ∌ i} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S)), v given per subset bitmask.
    static func exactValues(n: Int, _ v: (Int) -> Double) -> [Double] {
        var weight = [Double](repeating: 0, count: n)
        for k in 0..<n { weight[k] = 1 / (Double(n) * binomial(n - 1, k)) }
        var phi = [Double](repeating: 0, count: n)
        for subset in 0..<(1 << n) {
            let size = subset.nonzeroBitCount
            let vs = v(subset)
            for i in 0..<n where subset & (1 << i) == 0 {
                phi[i] += weight[size] * (v(subset | 1 << i) - vs)
            }
        }
        return phi
    }

    static func binomial(_ n: Int, _ k: Int) -> Double {
        var r = 1.0
        for j in 0..<k { r = r * Double(n - j) / Double(j + 1) }
        return r
    }

    /// Antithetic pairs (an order and its reverse) rounded up from `samples`.
    static func pairs(_ samples: Int) -> Int { max(1, (samples + 1) / 2) }

    /// Mean marginal contribution over the permutations, and the variance of the
    /// weighted mean (per cell, and per channel from each pair's channel sums); a pair's
    /// two permutations are one observation, since they are not independent.
    static func accumulateSampled(_ game: Game, f: [Double], weight: Double, samples: Int, into result: inout NeuralExplanation) {
        let n = game.cells.count, channels = result.channels
        var sum = [Double](repeating: 0, count: n), squares = sum, pairCell = sum
        var channelSum = [Double](repeating: 0, count: channels), channelSquares = channelSum
        var perChannel = [Double](repeating: 0, count: channels)
        let pairCount = pairs(samples)
        for pair in 0..<pairCount {
            for c in 0..<channels { perChannel[c] = 0 }
            for i in 0..<n { pairCell[i] = 0 }
            for p in (2 * pair)..<(2 * pair + 2) {
                let base = p * (n + 1)
                for k in 0..<n {
                    let i = game.orders[p * n + k]
                    let m = (f[game.scored[base + k + 1]] - f[game.scored[base + k]]) / 2
                    pairCell[i] += m
                    perChannel[game.cells[i].channel] += m
                }
            }
            for i in 0..<n {
                sum[i] += pairCell[i]
                squares[i] += pairCell[i] * pairCell[i]
            }
            for c in 0..<channels {
                channelSum[c] += perChannel[c]
                channelSquares[c] += perChannel[c] * perChannel[c]
            }
        }
        let s = Double(pairCount)
        func meanVariance(_ total: Double, _ sq: Double) -> Double {
            s > 1 ? max(0, (sq - total * total / s) / (s - 1)) / s : 0
        }
        for (i, cell) in game.cells.enumerated() {
            let k = cell.day * channels + cell.channel
            result.value[k] += weight * sum[i] / s
            result.valueError[k] += weight * weight * meanVariance(sum[i], squares[i])
        }
        for c in 0..<channels where channelSum[c] != 0 || channelSquares[c] != 0 {
            result.channelValue[c] += weight * channelSum[c] / s
            result.channelError[c] += weight * weight * meanVariance(channelSum[c], channelSquares[c])
        }
    }
}
