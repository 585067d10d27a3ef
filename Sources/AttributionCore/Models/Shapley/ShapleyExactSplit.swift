/// The exact Shapley value of the conversion-rate game restricted to one channel set S
/// (n channels, v(∅) = 0):
///
///     φ_j = Σ_{T ⊆ S, j ∈ T} (|T|-1)!(n-|T|)!/n! · v(T)  −  Σ_{T ⊆ S, j ∉ T} |T|!(n-|T|-1)!/n! · v(T)
///
/// which is the usual average of marginal contributions v(T ∪ j) − v(T), regrouped per
/// coalition T. v is zero except on sets that converted, so only those subsets of S are
/// visited (`ShapleyRateTable.forEachSubset`). The result sums to v(S) (efficiency).
/// Cost: about min(2^n lookups, one scan of the converting sets) + |T| per subset T visited.
struct ShapleyExactSplit {
    /// φ of the last split, indexed like the members passed in.
    private(set) var phi: [Double] = []
    /// Σ over visited T ∋ c of (inside + outside)·v(T), by channel id; all zero between splits.
    private var byChannel: [Double] = []
    /// Weights by set size n, then by |T|: of v(T) for j ∈ T (inside) and j ∉ T (outside).
    private var weightCache: [Int: (inside: [Double], outside: [Double])] = [:]

    mutating func split<Key: ChannelSetKey>(set: Key, members: ArraySlice<Int32>, rates: ShapleyRateTable<Key>) {
        let n = members.count
        let (inside, outside) = weights(n)
        if byChannel.count < rates.channelCount { byChannel = [Double](repeating: 0, count: rates.channelCount) }
        var byChannel: [Double] = []
        swap(&byChannel, &self.byChannel)  // work on the buffer without a copy
        var outsideTotal = 0.0

        // Adds v(T)'s terms: +inside to members of T, −outside to the others (the latter
        // as −outsideTotal for all plus +outside for members, so each T costs |T| adds).
        rates.forEachSubset(of: set, members: members) { subset, v in
            let t = subset.memberCount
            outsideTotal += outside[t] * v
            let w = (inside[t] + outside[t]) * v
            subset.forEachMember { byChannel[Int($0)] += w }
        }
        phi = members.map { c in
            defer { byChannel[Int(c)] = 0 }
            return byChannel[Int(c)] - outsideTotal
        }
        swap(&byChannel, &self.byChannel)
    }
    /// (t-1)!(n-t)!/n! = 1 / (n·C(n-1, t-1)) and t!(n-t-1)!/n! = 1 / (n·C(n-1, t)),
    /// from binomials rather than factorials so large n stays finite.
    private mutating func weights(_ n: Int) -> (inside: [Double], outside: [Double]) {
        if let cached = weightCache[n] { return cached }
        var inside = [Double](repeating: 0, count: n + 1)
        var outside = [Double](repeating: 0, count: n + 1)
        var binomial = [Double](repeating: 1, count: n)  // C(n-1, k)
        for k in stride(from: 1, to: n, by: 1) { binomial[k] = binomial[k - 1] * Double(n - k) / Double(k) }
        for t in stride(from: 1, through: n, by: 1) {
            inside[t] = 1 / (Double(n) * binomial[t - 1])
            outside[t] = t < n ? 1 / (Double(n) * binomial[t]) : 0
        }
        weightCache[n] = (inside, outside)
        return (inside, outside)
    }
}
