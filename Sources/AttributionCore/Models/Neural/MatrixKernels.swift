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
        T.multiply(
            rows: m, columns: n, inner: k, a: a, aRow: aRow, aColumn: aColumn, b: b, ldb: ldb,
            c: c, ldc: ldc, accumulate: accumulate)
    }

    /// `multiply` in Swift, one element at a time: the `Double` path, used by the gradient
    /// checks, where speed does not matter and the plain loop is obviously right.
    static func plainMultiply<T: NeuralScalar>(
        rows m: Int, columns n: Int, inner k: Int,
        a: UnsafePointer<T>, aRow: Int, aColumn: Int,
        b: UnsafePointer<T>, ldb: Int,
        c: UnsafeMutablePointer<T>, ldc: Int, accumulate: Bool
    ) {
        for i in 0..<m {
            let ai = a + i * aRow
            for j in 0..<n {
                var s: T = accumulate ? c[i * ldc + j] : 0
                for p in 0..<k { s += ai[p * aColumn] * b[p * ldb + j] }
                c[i * ldc + j] = s
            }
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
