/// The examples as (distinct window, label) pairs with counts, split into training
/// and validation. Identical examples are interchangeable, so a pair's count is
/// split, not the pair: each of its examples goes to validation with probability
/// `fraction` (the expected share, rounded stochastically with a seeded stream).
struct ExampleSplit: Sendable {
    /// Window index in the counts, label, and the pair's training and validation counts.
    var window: [Int32] = []
    var label: [Float] = []
    var train: [Double] = []
    var validation: [Double] = []

    init(_ counts: WindowCounts, fraction: Double, seed: UInt64) {
        var rng = SeededGenerator(seed: seed, stream: 0x5EED_5917)
        for w in 0..<counts.count {
            for (label, n) in [(Float(1), counts.positives[w]), (Float(0), counts.negatives[w])] where n > 0 {
                let expected = Double(n) * fraction
                var held = expected.rounded(.down)
                if rng.nextUnit() < expected - held { held += 1 }
                window.append(Int32(w))
                self.label.append(label)
                train.append(Double(n) - held)
                validation.append(held)
            }
        }
    }

    var count: Int { window.count }

    func total(_ counts: [Double], label wanted: Float) -> Double {
        var s = 0.0
        for k in 0..<count where label[k] == wanted { s += counts[k] }
        return s
    }
}

/// Draws indices with probability proportional to their weights in O(1) (Vose's alias method).
struct AliasSampler: Sendable {
    private var probability: [Double]
    private var alias: [Int32]
    let indices: [Int32]

    /// `weights[k]` for `indices[k]`; zero weights are never drawn.
    init(indices: [Int32], weights: [Double]) {
        let n = indices.count
        self.indices = indices
        probability = [Double](repeating: 1, count: n)
        alias = (0..<n).map { Int32($0) }
        let total = weights.reduce(0, +)
        guard n > 0, total > 0 else { return }
        var scaled = weights.map { $0 * Double(n) / total }
        var small: [Int] = [], large: [Int] = []
        for k in 0..<n { if scaled[k] < 1 { small.append(k) } else { large.append(k) } }
        while let s = small.popLast(), let l = large.last {
            probability[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 { large.removeLast(); small.append(l) }
        }
        for k in small + large { probability[k] = 1 }
    }

    var isEmpty: Bool { indices.isEmpty }

    func draw(_ rng: inout SeededGenerator) -> Int32 {
        let k = Int(rng.next() % UInt64(indices.count))
        return rng.nextUnit() < probability[k] ? indices[k] : indices[Int(alias[k])]
    }
}
