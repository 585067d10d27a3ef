/// An order-k Markov chain estimated from path rows.
///
/// Transient states are `(start)` (id 0) and channel tuples: the state after
/// touch i of a path is its last `min(k, i+1)` channels. ChannelAttribution
/// instead enters the first full k-window in one step (or the whole path when
/// it is shorter than k); both give every channel sequence the same
/// probability, so P(conversion) and removal effects agree, while ours keeps
/// each step a single touch and lets held-out paths of any length find a state.
///
/// States are numbered in key order: by length, then channel by channel from
/// the oldest touch. The successors of a full state (x1…xk) are (x2…xk, c),
/// which this order keeps side by side in memory.
struct MarkovChain: Sendable {
    let key: MarkovStateKey
    let states: MarkovStateTable
    /// Transient → transient weights in CSR form, self-loops included.
    let rowStart: [Int]
    let target: [Int32]
    let weight: [Double]
    let toConversion: [Double]
    let toNull: [Double]

    var order: Int { key.order }
    var stateCount: Int { states.count }

    init(paths: PathTable, order: Int) throws {
        try self.init(paths: paths, order: order, conversions: paths.conversions, nulls: paths.nulls)
    }

    /// A chain from `paths` with other per-row outcomes (e.g. a training split).
    init(
        paths: PathTable, order: Int, conversions: [Double], nulls: [Double],
        slotTableLimit: Int = MarkovTransitionCounts.slotTableLimit
    ) throws {
        guard order >= 1 else {
            throw MarkovError("order must be at least 1, got \(order)")
        }
        guard let key = MarkovStateKey(order: order, channelCount: paths.channels.count) else {
            throw MarkovError(
                "order \(order) is too high for \(paths.channels.count) channels (at most \(MarkovStateKey.maximumOrder(channelCount: paths.channels.count)))"
            )
        }
        self.key = key
        let counts = try MarkovTransitionCounts(
            paths: paths, key: key, conversions: conversions, nulls: nulls,
            slotTableLimit: slotTableLimit)
        let n = counts.states.count
        // Renumber by key; (start) has key 0 and stays 0.
        let byKey = (0..<n).sorted { counts.states.keys[$0] < counts.states.keys[$1] }
        var newID = [Int32](repeating: 0, count: n)
        for (new, old) in byKey.enumerated() { newID[old] = Int32(new) }
        var table = MarkovStateTable(expectedStates: n)
        var rowStart = [Int](repeating: 0, count: n + 1)
        var target: [Int32] = [], weight: [Double] = []
        target.reserveCapacity(counts.target.count)
        weight.reserveCapacity(counts.weight.count)
        for (new, old) in byKey.enumerated() {
            _ = table.id(for: counts.states.keys[old])
            let row = counts.rowStart[old]..<counts.rowStart[old + 1]
            for e in row.sorted(by: { newID[Int(counts.target[$0])] < newID[Int(counts.target[$1])] }) {
                target.append(newID[Int(counts.target[e])])
                weight.append(counts.weight[e])
            }
            rowStart[new + 1] = target.count
        }
        states = table
        self.rowStart = rowStart
        self.target = target
        self.weight = weight
        toConversion = byKey.map { counts.toConversion[$0] }
        toNull = byKey.map { counts.toNull[$0] }
    }

    /// Gauss–Seidel order: full-length states grouped by their last k−1
    /// touches (those share every successor, so a group reads one block of
    /// memory), then shorter states longest first, then `(start)`. Shorter
    /// states only lead to longer ones, so that part needs one pass.
    func sweepOrder() -> [Int32] {
        let n = stateCount
        var length = [Int](repeating: 0, count: n)
        for s in 1..<max(1, n) { key.forEachChannel(of: states.keys[s]) { _ in length[s] += 1 } }
        let bits = UInt64(key.bitsPerChannel), k = UInt64(order)
        let lowFields: UInt64 = k == 1 ? 0 : (1 << (bits * (k - 1))) - 1
        func suffixMajor(_ s: Int) -> UInt64 {
            let x = states.keys[s]
            return ((x & lowFields) << bits) | (x >> (bits * (k - 1)))
        }
        var full = (1..<max(1, n)).filter { length[$0] == order }
        full.sort { suffixMajor($0) < suffixMajor($1) }
        var result = full.map { Int32($0) }
        result.reserveCapacity(n)
        for m in stride(from: order - 1, through: 1, by: -1) {
            result.append(contentsOf: (1..<max(1, n)).filter { length[$0] == m }.map { Int32($0) })
        }
        if n > 0 { result.append(0) }
        return result
    }

    /// Total weight leaving state `s`.
    func outWeight(_ s: Int) -> Double {
        var total = toConversion[s] + toNull[s]
        for e in rowStart[s]..<rowStart[s + 1] { total += weight[e] }
        return total
    }

    /// The transition probabilities as an absorbing chain.
    func absorbing() -> AbsorbingChain {
        let n = stateCount
        var chain = AbsorbingChain(stateCount: n)
        chain.rowStart.reserveCapacity(n + 1)
        chain.target.reserveCapacity(target.count)
        chain.probability.reserveCapacity(target.count)
        for s in 0..<n {
            let total = outWeight(s)
            let inv = total > 0 ? 1 / total : 0
            for e in rowStart[s]..<rowStart[s + 1] {
                if Int(target[e]) == s {
                    chain.stay[s] = weight[e] * inv
                } else {
                    chain.target.append(target[e])
                    chain.probability.append(weight[e] * inv)
                }
            }
            chain.rowStart.append(chain.target.count)
            chain.conversion[s] = toConversion[s] * inv
            // A state nothing leaves cannot occur in a chain built from paths; treat it as null.
            chain.null[s] = total > 0 ? toNull[s] * inv : 1
        }
        return chain
    }

    /// The channels of state `s`, oldest first (empty for `(start)`).
    func stateChannels(_ s: Int) -> [Int32] { key.channels(of: states.keys[s]) }

    /// The state a path ends in: its last k channels, backing off to shorter
    /// suffixes (states seen only at path beginnings) and finally `(start)`
    /// when the chain never saw it.
    func finalState(of path: ArraySlice<Int32>) -> Int {
        var length = min(order, path.count)
        while length > 0 {
            if let s = states.lookup(key.key(suffixOf: path, length: length)) { return Int(s) }
            length -= 1
        }
        return 0
    }

    /// Printable state names: `a>b` for tuples, `(start)` for the start.
    func stateNames(channels: ChannelIndex) -> [String] {
        (0..<stateCount).map { s in
            s == 0 ? "(start)" : stateChannels(s).map { channels[$0] }.joined(separator: ">")
        }
    }
}

/// A Markov model error, reported under the model's name by the model.
struct MarkovError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
