/// Monte-Carlo Shapley value of the conversion-rate game restricted to one channel set S,
/// for sets too large to enumerate: the Shapley value is the mean over orderings of S
/// of each channel's marginal contribution v(P ∪ j) − v(P), P being the channels before
/// j, so the mean over uniformly drawn orderings is an unbiased estimate; its standard
/// error is the marginals' standard deviation over √samples.
/// Every ordering's marginals telescope to v(S), so the estimates sum to v(S) exactly
/// (up to rounding) and only the split between channels is uncertain.
struct ShapleySampledSplit {
    /// Estimated φ and its standard error, indexed like the members passed in.
    private(set) var mean: [Double] = []
    private(set) var standardError: [Double] = []
    private var local = ShapleyLocalRates()

    mutating func split<Key: ChannelSetKey>(
        set: Key, members: ArraySlice<Int32>, rates: ShapleyRateTable<Key>,
        samples: Int, generator: inout SeededGenerator
    ) {
        precondition(samples >= 2, "a standard error needs at least two samples")
        let n = members.count
        // Every coalition looked up is inside S: look up by position in S.
        local.load(set: set, members: members, rates: rates)
        var sum = [Double](repeating: 0, count: n)
        var sumSquares = [Double](repeating: 0, count: n)
        var order = Array(0..<n)
        for _ in 0..<samples {
            // Fisher–Yates on the previous ordering: each draw is again uniform.
            for i in stride(from: n - 1, to: 0, by: -1) {
                let j = Int(UInt64(i + 1).multipliedFullWidth(by: generator.next()).high)
                order.swapAt(i, j)
            }
            var prefix: UInt64 = 0
            var before = 0.0
            for i in order {
                prefix |= 1 &<< UInt64(i)
                let after = local.rate(prefix)
                let marginal = after - before
                sum[i] += marginal
                sumSquares[i] += marginal * marginal
                before = after
            }
        }
        let m = Double(samples)
        mean = sum.map { $0 / m }
        standardError = (0..<n).map { i in
            let variance = max(0, (sumSquares[i] - m * mean[i] * mean[i]) / (m - 1))
            return (variance / m).squareRoot()
        }
    }
}
