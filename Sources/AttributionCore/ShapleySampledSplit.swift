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
    private var sumSquares: [Double] = []
    private var order: [Int] = []

    mutating func split<Key: ChannelSetKey>(members: ArraySlice<Int32>, rates: ShapleyRateTable<Key>,
                                            samples: Int, generator: inout SeededGenerator) {
        precondition(samples >= 2, "a standard error needs at least two samples")
        let n = members.count
        let first = members.startIndex
        Self.reset(&mean, n)
        Self.reset(&sumSquares, n)
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: 0..<n)
        for _ in 0..<samples {
            // Fisher–Yates on the previous ordering: each draw is again uniform.
            for i in stride(from: n - 1, to: 0, by: -1) {
                let j = Int(UInt64(i + 1).multipliedFullWidth(by: generator.next()).high)
                order.swapAt(i, j)
            }
            var prefix = rates.emptyKey
            var before = 0.0
            for i in order {
                prefix.insert(members[first + i])
                let after = rates.rate(prefix)
                let marginal = after - before
                mean[i] += marginal
                sumSquares[i] += marginal * marginal
                before = after
            }
        }
        let m = Double(samples)
        Self.reset(&standardError, n)
        for i in 0..<n {
            let average = mean[i] / m
            let variance = max(0, (sumSquares[i] - m * average * average) / (m - 1))
            mean[i] = average
            standardError[i] = (variance / m).squareRoot()
        }
    }

    private static func reset(_ buffer: inout [Double], _ n: Int) {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: repeatElement(0, count: n))
    }
}
