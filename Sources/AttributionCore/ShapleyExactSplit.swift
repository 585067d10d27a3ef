/// The exact Shapley value of the conversion-rate game restricted to one channel set S
/// (n channels, v(∅) = 0):
///
///     φ_j = Σ_{T ⊆ S, j ∈ T} (|T|-1)!(n-|T|)!/n! · v(T)  −  Σ_{T ⊆ S, j ∉ T} |T|!(n-|T|-1)!/n! · v(T)
///
/// which is the usual average of marginal contributions v(T ∪ j) − v(T), regrouped per
/// coalition T. v is zero except on sets that converted, so only those subsets of S are
/// visited. They are found either by walking all 2^n subsets of S (Gray code: one bit
/// flips per step, one rate lookup each) or, when the rate table holds fewer sets than
/// S has subsets, by testing every stored set for inclusion — whichever is cheaper.
/// The result sums to v(S) (efficiency). Cost: min(2^n, stored sets) + n per nonzero subset.
struct ShapleyExactSplit {
    /// φ of the last split, indexed like the members passed in.
    private(set) var phi: [Double] = []
    /// Weights by set size n, then by |T|: of v(T) for j ∈ T (inside) and j ∉ T (outside).
    private var weightCache: [Int: (inside: [Double], outside: [Double])] = [:]

    mutating func split<Key: ChannelSetKey>(set: Key, members: ArraySlice<Int32>, rates: ShapleyRateTable<Key>) {
        let n = members.count
        let (inside, outside) = weights(n)
        var phi: [Double] = []
        swap(&phi, &self.phi)   // reuse the buffer without a copy
        phi.removeAll(keepingCapacity: true)
        phi.append(contentsOf: repeatElement(0, count: n))
        var outsideTotal = 0.0
        let first = members.startIndex

        // Adds v(T)'s terms: +inside to members of T, −outside to the others (the latter
        // as −outsideTotal for all plus +outside for members, so each T is one pass over S).
        func visit(_ subset: Key, _ v: Double) {
            let t = subset.memberCount
            outsideTotal += outside[t] * v
            let w = (inside[t] + outside[t]) * v
            for i in 0..<n where subset.contains(members[first + i]) { phi[i] += w }
        }

        if n < 31 && (1 << n) <= rates.count {
            var subset = rates.emptyKey
            for step in 1..<(1 << n) {
                subset.toggle(members[first + step.trailingZeroBitCount])
                let v = rates.rate(subset)
                if v != 0 { visit(subset, v) }
            }
        } else {
            for (stored, v) in zip(rates.keys, rates.rates) where stored.isSubset(of: set) {
                visit(stored, v)
            }
        }
        for i in 0..<n { phi[i] -= outsideTotal }
        self.phi = phi
    }

    /// (t-1)!(n-t)!/n! = 1 / (n·C(n-1, t-1)) and t!(n-t-1)!/n! = 1 / (n·C(n-1, t)),
    /// from binomials rather than factorials so large n stays finite.
    private mutating func weights(_ n: Int) -> (inside: [Double], outside: [Double]) {
        if let cached = weightCache[n] { return cached }
        var inside = [Double](repeating: 0, count: n + 1)
        var outside = [Double](repeating: 0, count: n + 1)
        var binomial = [Double](repeating: 1, count: n)   // C(n-1, k)
        for k in stride(from: 1, to: n, by: 1) { binomial[k] = binomial[k - 1] * Double(n - k) / Double(k) }
        for t in stride(from: 1, through: n, by: 1) {
            inside[t] = 1 / (Double(n) * binomial[t - 1])
            outside[t] = t < n ? 1 / (Double(n) * binomial[t]) : 0
        }
        weightCache[n] = (inside, outside)
        return (inside, outside)
    }
}
