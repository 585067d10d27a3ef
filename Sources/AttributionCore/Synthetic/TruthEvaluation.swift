/// How close each model's channel shares come to the true shares of a synthetic data
/// set (`mta generate --truth`): the total variation distance ½ Σ |share − true share|
/// (0 = identical, 1 = disjoint) and Spearman's rank correlation of the two orderings
/// (ties get their mean rank). Channels missing on one side count as share 0.
public struct TruthEvaluation: Sendable, Equatable {
    public struct Score: Sendable, Equatable {
        public let model: String
        public let distance: Double
        /// nil when either side ranks every channel the same (no ordering to compare).
        public let rankCorrelation: Double?
    }

    /// The true shares, by channel name.
    public let truth: [String: Double]
    /// Closest to the truth first (ties in registry order).
    public let scores: [Score]

    public init(results: [ModelResult], truth: [String: Double]) {
        self.truth = truth
        let scored = results.map { r -> Score in
            var shares: [String: Double] = [:]
            for (name, share) in zip(r.channels.names, r.shares) { shares[name, default: 0] += share }
            let channels = Set(truth.keys).union(shares.keys).sorted()
            let model = channels.map { shares[$0] ?? 0 }, real = channels.map { truth[$0] ?? 0 }
            let distance = 0.5 * zip(model, real).reduce(0) { $0 + abs($1.0 - $1.1) }
            return Score(model: r.model, distance: distance, rankCorrelation: Self.spearman(model, real))
        }
        scores = scored.enumerated().sorted { ($0.element.distance, $0.offset) < ($1.element.distance, $1.offset) }.map(\.element)
    }

    /// Pearson's correlation of the mean ranks.
    static func spearman(_ a: [Double], _ b: [Double]) -> Double? {
        let ra = ranks(a), rb = ranks(b)
        let n = Double(a.count)
        guard n > 1 else { return nil }
        let ma = ra.reduce(0, +) / n, mb = rb.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in ra.indices {
            sab += (ra[i] - ma) * (rb[i] - mb)
            saa += (ra[i] - ma) * (ra[i] - ma)
            sbb += (rb[i] - mb) * (rb[i] - mb)
        }
        guard saa > 0, sbb > 0 else { return nil }
        return sab / (saa * sbb).squareRoot()
    }

    /// 1-based ranks, tied values sharing the mean of their ranks.
    static func ranks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var r = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            let mean = Double(i + j) / 2 + 1
            for k in i...j { r[order[k]] = mean }
            i = j + 1
        }
        return r
    }
}
