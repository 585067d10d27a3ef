/// The matrix products behind every layer, on raw pointers with explicit strides.
enum MatrixKernels {
    /// C ← (accumulate ? C : 0) + A · B, with C `[rows × columns]` (row stride `ldc`), B `[inner × columns]`
    /// (row stride `ldb`) and A(i, p) = `a[i · aRow + p · aColumn]` — so A can be read transposed
    /// (weight gradients Xᵀ · dZ) without copying it. Every element of C is summed in the same order
    /// (p = 0, 1, …) whatever block it falls in, so a row's result never depends on its batch or shard.
    /// `Float` runs the C kernels (`FloatKernels`), `Double` `plainMultiply`.
    @inline(__always)
    static func multiply<T: NeuralScalar>(
        rows m: Int, columns n: Int, inner k: Int,
        a: UnsafePointer<T>, aRow: Int, aColumn: Int,
        b: UnsafePointer<T>, ldb: Int,
        c: UnsafeMutablePointer<T>, ldc: Int, accumulate: Bool
    ) {
        T.multiply(rows: m, columns: n, inner: k, a: a, aRow: aRow, aColumn: aColumn, b: b, ldb: ldb,
                   c: c, ldc: ldc, accumulate: accumulate)
    }

    /// `multiply` in Swift (the `Double` path: gradient checks). Blocked as 6 rows × 8 columns of C held in
    /// registers while p runs over the inner dimension.
    static func plainMultiply<T: NeuralScalar>(
        rows m: Int, columns n: Int, inner k: Int,
        a: UnsafePointer<T>, aRow: Int, aColumn: Int,
        b: UnsafePointer<T>, ldb: Int,
        c: UnsafeMutablePointer<T>, ldc: Int, accumulate: Bool
    ) {
        var j = 0
        while j + 8 <= n {
            var i = 0
            while i + 6 <= m {
                let c0 = c + i * ldc + j, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc
                var s0 = accumulate ? SIMD8<T>.load(c0) : .zero
                var s1 = accumulate ? SIMD8<T>.load(c1) : .zero
                var s2 = accumulate ? SIMD8<T>.load(c2) : .zero
                var s3 = accumulate ? SIMD8<T>.load(c3) : .zero
                var s4 = accumulate ? SIMD8<T>.load(c4) : .zero
                var s5 = accumulate ? SIMD8<T>.load(c5) : .zero
                let a0 = a + i * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow, a4 = a3 + aRow, a5 = a4 + aRow
                var bp = b + j
                var ap = 0
                for _ in 0..<k {
                    let bv = SIMD8<T>.load(bp)
                    s0 += bv * a0[ap]
                    s1 += bv * a1[ap]
                    s2 += bv * a2[ap]
                    s3 += bv * a3[ap]
                    s4 += bv * a4[ap]
                    s5 += bv * a5[ap]
                    bp += ldb
                    ap += aColumn
                }
                s0.store(c0)
                s1.store(c1)
                s2.store(c2)
                s3.store(c3)
                s4.store(c4)
                s5.store(c5)
                i += 6
            }
            while i + 4 <= m {
                let c0 = c + i * ldc + j, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc
                var s0 = accumulate ? SIMD8<T>.load(c0) : .zero
                var s1 = accumulate ? SIMD8<T>.load(c1) : .zero
                var s2 = accumulate ? SIMD8<T>.load(c2) : .zero
                var s3 = accumulate ? SIMD8<T>.load(c3) : .zero
                let a0 = a + i * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow
                var bp = b + j
                var ap = 0
                for _ in 0..<k {
                    let bv = SIMD8<T>.load(bp)
                    s0 += bv * a0[ap]
                    s1 += bv * a1[ap]
                    s2 += bv * a2[ap]
                    s3 += bv * a3[ap]
                    bp += ldb
                    ap += aColumn
                }
                s0.store(c0)
                s1.store(c1)
                s2.store(c2)
                s3.store(c3)
                i += 4
            }
            while i < m {
                let c0 = c + i * ldc + j
                var s0 = accumulate ? SIMD8<T>.load(c0) : .zero
                let a0 = a + i * aRow
                var bp = b + j
                var ap = 0
                for _ in 0..<k {
                    s0 += SIMD8<T>.load(bp) * a0[ap]
                    bp += ldb
                    ap += aColumn
                }
                s0.store(c0)
                i += 1
            }
            j += 8
        }
        // Columns past the last multiple of 8 (small test shapes, the 1-wide output layer).
        while j < n {
            for i in 0..<m {
                var s: T = accumulate ? c[i * ldc + j] : 0
                let a0 = a + i * aRow
                for p in 0..<k { s += b[p * ldb + j] * a0[p * aColumn] }
                c[i * ldc + j] = s
            }
            j += 1
        }
    }

    /// dst `[columns × rows]` ← srcᵀ, src `[rows × columns]` row-major (so A · Wᵀ becomes a plain product).
    static func transpose<T>(_ src: UnsafePointer<T>, rows: Int, columns: Int, into dst: UnsafeMutablePointer<T>) {
        for r in 0..<rows {
            for c in 0..<columns { dst[c * rows + r] = src[r * columns + c] }
        }
    }

    /// y[0..<n] += α · x[0..<n]
    @inline(__always)
    static func addScaled<T: NeuralScalar>(_ x: UnsafePointer<T>, _ alpha: T, into y: UnsafeMutablePointer<T>, count n: Int) {
        var j = 0
        let av = SIMD8<T>(repeating: alpha)
        while j + 8 <= n {
            (SIMD8<T>.load(y + j) + SIMD8<T>.load(x + j) * av).store(y + j)
            j += 8
        }
        while j < n {
            y[j] += x[j] * alpha
            j += 1
        }
    }

    /// y[0..<n] += x[0..<n]
    @inline(__always)
    static func add<T: NeuralScalar>(_ x: UnsafePointer<T>, into y: UnsafeMutablePointer<T>, count n: Int) {
        var j = 0
        while j + 8 <= n {
            (SIMD8<T>.load(y + j) + SIMD8<T>.load(x + j)).store(y + j)
            j += 8
        }
        while j < n {
            y[j] += x[j]
            j += 1
        }
    }
}
