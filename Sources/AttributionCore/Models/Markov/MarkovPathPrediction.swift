/// P(conversion | path) of an order-k chain for a complete observed path.
///
/// The chain gives a journey with path x1…xn and outcome o the probability
/// P(start→x1)·…·P(→xn)·P(s→o), s the path's final state. Conditioned on the path,
/// the product along it cancels between the two outcomes, so
/// P(conversion | path) = P(s→conv) / (P(s→conv) + P(s→null)): the conversion rate of
/// the training journeys that end in state s (their last k channels, or the whole
/// path when shorter). This is not the absorption probability from s, which also
/// counts journeys that go on past s — a journey that stopped at s did not.
///
/// Unseen rule: when no training journey ends in s (s never met, or only met
/// mid-path), back off to order k−1, k−2, …, 1 (the last channels; a path shorter
/// than the order keeps its whole-path state), then to the training base rate.
struct MarkovPathPrediction: Sendable {
    private let key: MarkovStateKey
    /// Index m−1: end states at order m, their conversions and journeys.
    private var states: [MarkovStateTable] = []
    private var conversions: [[Double]] = []
    private var journeys: [[Double]] = []
    let baseRate: Double

    init(paths: PathTable, order: Int, conversions rowConversions: [Double], nulls rowNulls: [Double]) throws {
        guard let key = MarkovStateKey(order: order, channelCount: paths.channels.count) else {
            throw MarkovError("order \(order) is too high for \(paths.channels.count) channels")
        }
        self.key = key
        var totalConversions = 0.0, totalJourneys = 0.0
        for m in 1...order {
            var table = MarkovStateTable(expectedStates: min(paths.count + 1, 1 << 20))
            var c: [Double] = [0], j: [Double] = [0]  // id 0: (start), the empty path
            for p in 0..<paths.count where rowConversions[p] + rowNulls[p] > 0 {
                let path = paths.path(p)
                let s = Int(table.id(for: key.key(suffixOf: path, length: min(m, path.count))))
                if s == c.count {
                    c.append(0)
                    j.append(0)
                }
                c[s] += rowConversions[p]
                j[s] += rowConversions[p] + rowNulls[p]
                if m == 1 {
                    totalConversions += rowConversions[p]
                    totalJourneys += rowConversions[p] + rowNulls[p]
                }
            }
            states.append(table)
            conversions.append(c)
            journeys.append(j)
        }
        baseRate = totalJourneys > 0 ? totalConversions / totalJourneys : 0
    }

    func probability(of path: ArraySlice<Int32>) -> Double {
        for m in stride(from: key.order, through: 1, by: -1) {
            if let s = states[m - 1].lookup(key.key(suffixOf: path, length: min(m, path.count))).map({ Int($0) }),
                journeys[m - 1][s] > 0
            {
                return conversions[m - 1][s] / journeys[m - 1][s]
            }
        }
        return baseRate
    }
}

extension MarkovModel: ConversionPredicting {
    func conversionProbabilities(paths: PathTable, conversions: [Double], nulls: [Double]) throws -> [Double] {
        let prediction = try MarkovPathPrediction(paths: paths, order: order, conversions: conversions, nulls: nulls)
        return (0..<paths.count).map { prediction.probability(of: paths.path($0)) }
    }
}
