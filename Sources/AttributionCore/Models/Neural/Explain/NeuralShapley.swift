import Foundation

/// Exact Shapley values of the calibrated model for every distinct positive window
/// over its active cells, with v(S) = f(x restricted to S) and v(∅) = f(0), so a
/// window's values sum to f(x) − f(0). Windows with more active cells than
/// `exactLimit` are estimated from seeded random permutations, with a standard
/// error. Every window the games need is scored once (identical sub-windows are
/// shared across windows), in large batches over both cores.
public enum NeuralShapley {
    public struct Options: Sendable, Equatable {
        /// Active cells up to which a window's 2ⁿ coalitions are enumerated. 10 is where
        /// enumerating (2ⁿ windows) stops being cheaper than 100 permutations (about 100·n).
        public var exactLimit = 10
        /// Most permutations per window above the limit (taken in antithetic pairs: an odd
        /// number is rounded up).
        public var samples = 100
        /// Sampling stops early, for every sampled window at once, when each channel's share
        /// has a standard error of at most this; 0 takes every permutation of `samples`.
        public var shareError = 0.0005
        public var seed: UInt64 = 1
        public init() {}

        /// Above 20 cells a window's 2ⁿ coalitions are too many to enumerate.
        public static let exactLimitRange = 1...20

        public var problem: OptionProblem? {
            if !Self.exactLimitRange.contains(exactLimit) {
                return OptionProblem(
                    option: "exact-limit", "must be between \(Self.exactLimitRange.lowerBound) and \(Self.exactLimitRange.upperBound)")
            }
            if samples < 2 { return OptionProblem(option: "samples", "must be at least 2") }
            if !(shareError >= 0 && shareError < 1) { return OptionProblem(option: "share-error", "must be at least 0 and below 1") }
            return nil
        }
    }

    /// Pairs in the first sampling round; each later round doubles the pairs taken.
    static let firstRoundPairs = 5

    public static func explain(_ model: TrainedModel, counts: WindowCounts, options: Options = Options()) -> NeuralExplanation {
        let days = counts.days, channels = counts.channels
        var result = NeuralExplanation(days: days, channels: channels)
        var scores = WindowScores(days: days, channels: channels)
        var scratch = [UInt64](repeating: 0, count: days)
        let zero = scores.index(scratch)

        // 1. Exact games: every coalition's window; the sampled games are set up.
        var exact: [(window: Int, cells: [(day: Int, channel: Int)], scored: [Int32])] = []
        var sampled: [SampledShapleyGame] = []
        for w in 0..<counts.count where counts.positives[w] > 0 {
            let cells = activeCells(counts.windows.window(w), channels: channels)
            result.conversions += Double(counts.positives[w])
            if cells.count <= options.exactLimit {
                var scored: [Int32] = []
                scored.reserveCapacity(1 << cells.count)
                for subset in 0..<(1 << cells.count) { scored.append(score(subset: subset, cells, &scratch, &scores)) }
                exact.append((w, cells, scored))
            } else {
                sampled.append(
                    SampledShapleyGame(
                        window: w, weight: Double(counts.positives[w]), cells: cells,
                        channels: channels, seed: options.seed))
            }
        }
        scores.scoreNew(model)
        result.baseline = scores[zero]
        for game in exact where !game.cells.isEmpty {
            let weight = Double(counts.positives[game.window])
            result.exactWindows += 1
            let phi = exactValues(n: game.cells.count) { scores[game.scored[$0]] }
            for (i, cell) in game.cells.enumerated() {
                result.value[cell.day * channels + cell.channel] += weight * phi[i]
                result.channelValue[cell.channel] += weight * phi[i]
            }
        }
        exact = []

        // 2. Sampled games, in rounds of 5, 5, 10, 20, … pairs until the shares are precise enough.
        let maxPairs = pairs(options.samples)
        var taken = 0
        while !sampled.isEmpty && taken < maxPairs {
            let target = min(maxPairs, taken == 0 ? firstRoundPairs : 2 * taken)
            let rounds = sampled.indices.map { sampled[$0].plan(pairs: target - taken, days: days, scores: &scores) }
            scores.scoreNew(model)
            for g in sampled.indices { sampled[g].accumulate(rounds[g], scores: scores) }
            taken = target
            if options.shareError > 0 && precise(sampled, exactPart: result, shareError: options.shareError) { break }
        }
        for game in sampled {
            result.sampledWindows += 1
            for (i, cell) in game.cells.enumerated() {
                let (v, variance) = game.cell(i)
                result.value[cell.day * channels + cell.channel] += v
                result.valueError[cell.day * channels + cell.channel] += variance
            }
            for c in 0..<channels {
                let (v, variance) = game.channel(c)
                result.channelValue[c] += v
                result.channelError[c] += variance
            }
        }
        result.permutationsPerWindow = sampled.isEmpty ? 0 : 2 * taken
        for k in result.valueError.indices { result.valueError[k] = result.valueError[k].squareRoot() }
        for c in result.channelError.indices { result.channelError[c] = result.channelError[c].squareRoot() }
        return result
    }

    /// Whether every channel's share has a standard error ≤ `shareError`. Every
    /// permutation's contributions add up to f(x) − f(0), so the total is exact and a
    /// share's error is its channel's error over the total.
    static func precise(_ games: [SampledShapleyGame], exactPart: NeuralExplanation, shareError: Double) -> Bool {
        var value = exactPart.channelValue, variance = [Double](repeating: 0, count: value.count)
        for game in games {
            for c in value.indices {
                let (v, s2) = game.channel(c)
                value[c] += v
                variance[c] += s2
            }
        }
        let total = abs(value.reduce(0, +))
        return total > 0 && variance.allSatisfy { $0.squareRoot() <= shareError * total }
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

    static func score(subset: Int, _ cells: [(day: Int, channel: Int)], _ scratch: inout [UInt64], _ scores: inout WindowScores) -> Int32 {
        for k in scratch.indices { scratch[k] = 0 }
        var s = subset
        while s != 0 {
            let i = s.trailingZeroBitCount
            scratch[cells[i].day] |= 1 << UInt64(cells[i].channel)
            s &= s - 1
        }
        return scores.index(scratch)
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
}
