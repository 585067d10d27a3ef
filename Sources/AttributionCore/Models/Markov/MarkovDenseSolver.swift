extension AbsorbingChain {
    /// Solves (I − Q) h = r over the states not removed by Gaussian elimination
    /// with partial pivoting; r is the one-step conversion probability.
    func solveDense(removing removed: [Bool]?) -> [Double] {
        let n = stateCount
        var local = [Int](repeating: -1, count: n)
        var active: [Int] = []
        for s in 0..<n where removed?[s] != true {
            local[s] = active.count
            active.append(s)
        }
        let m = active.count
        var a = [Double](repeating: 0, count: m * m)
        var b = [Double](repeating: 0, count: m)
        for (i, s) in active.enumerated() {
            a[i * m + i] = 1 - stay[s]
            for e in rowStart[s]..<rowStart[s + 1] {
                let j = local[Int(target[e])]
                // Transitions into removed states go to (null) and add nothing.
                if j >= 0 { a[i * m + j] -= probability[e] }
            }
            b[i] = conversion[s]
        }
        let x = Self.gaussianElimination(&a, &b, size: m)
        var h = [Double](repeating: 0, count: n)
        for (i, s) in active.enumerated() { h[s] = x[i] }
        return h
    }

    /// Solves a x = b in place for a row-major `size`×`size` matrix.
    static func gaussianElimination(_ matrix: inout [Double], _ rhs: inout [Double], size m: Int) -> [Double] {
        matrix.withUnsafeMutableBufferPointer { a in
            rhs.withUnsafeMutableBufferPointer { b in
                for k in 0..<m {
                    var pivot = k
                    var best = abs(a[k * m + k])
                    for i in (k + 1)..<max(k + 1, m) where abs(a[i * m + k]) > best {
                        best = abs(a[i * m + k])
                        pivot = i
                    }
                    if pivot != k {
                        for j in k..<m { a.swapAt(k * m + j, pivot * m + j) }
                        b.swapAt(k, pivot)
                    }
                    let d = a[k * m + k]
                    // I − Q of an absorbing chain is nonsingular; guard anyway.
                    if d == 0 { continue }
                    for i in (k + 1)..<max(k + 1, m) {
                        let f = a[i * m + k] / d
                        if f == 0 { continue }
                        a[i * m + k] = 0
                        for j in (k + 1)..<m { a[i * m + j] -= f * a[k * m + j] }
                        b[i] -= f * b[k]
                    }
                }
                var x = [Double](repeating: 0, count: m)
                for k in stride(from: m - 1, through: 0, by: -1) {
                    var sum = b[k]
                    for j in (k + 1)..<m { sum -= a[k * m + j] * x[j] }
                    let d = a[k * m + k]
                    x[k] = d == 0 ? 0 : sum / d
                }
                return x
            }
        }
    }
}
