import Foundation

/// The scalar the network computes in. The network code is generic so the same code runs in
/// `Double` (gradient checks to 1e-6) and in `Float` (training and prediction). The hot loops are
/// requirements: `Double` runs the plain Swift versions (`MatrixKernels`, Foundation's exp and tanh),
/// `Float` the C kernels (`FloatKernels`: AVX2 + FMA where the CPU has them, a vectorised exp).
protocol NeuralScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable {
    /// x ← 1 / (1 + e^−x) for `count` values.
    static func sigmoid(_ x: UnsafeMutablePointer<Self>, count: Int)
    /// x ← tanh x for `count` values.
    static func tanh(_ x: UnsafeMutablePointer<Self>, count: Int)

    /// C ← (accumulate ? C : 0) + A · B; see `MatrixKernels.multiply`.
    static func multiply(
        rows m: Int, columns n: Int, inner k: Int,
        a: UnsafePointer<Self>, aRow: Int, aColumn: Int,
        b: UnsafePointer<Self>, ldb: Int,
        c: UnsafeMutablePointer<Self>, ldc: Int, accumulate: Bool)

    /// One LSTM step's element-wise part for `rows` rows: `gates` `[rows × 4·width]` from pre-activations
    /// to σ(i), σ(f), tanh(c̃), σ(o); c = f ⊙ c₋ + i ⊙ c̃ (c₋ = 0 when `previousCells` is nil), tanh c,
    /// and h = o ⊙ tanh c into `output` (row stride `outputStride`).
    static func cellForward(
        rows: Int, width: Int, gates: UnsafeMutablePointer<Self>, previousCells: UnsafePointer<Self>?,
        cells: UnsafeMutablePointer<Self>, tanhCells: UnsafeMutablePointer<Self>,
        output: UnsafeMutablePointer<Self>, outputStride: Int)

    /// Back through one LSTM step's element-wise part for `rows` rows: `gates` from the activated gates to
    /// dL/dz. dL/dh = `above` (row stride `aboveStride`) + `recurrentGradient`; dL/dc = dL/dh ⊙ o ⊙ (1 − tanh² c)
    /// + `cellGradient`, replaced by dL/dc ⊙ f. Without `fromNext` (a direction's last step) neither of
    /// those two buffers is read; `previousCells` is nil on a direction's first step.
    static func cellBackward(
        rows: Int, width: Int, gates: UnsafeMutablePointer<Self>, tanhCells: UnsafePointer<Self>,
        previousCells: UnsafePointer<Self>?, above: UnsafePointer<Self>?, aboveStride: Int,
        recurrentGradient: UnsafePointer<Self>, cellGradient: UnsafeMutablePointer<Self>, fromNext: Bool)
}

extension Double: NeuralScalar {
    static func sigmoid(_ x: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { x[i] = 1 / (1 + Foundation.exp(-x[i])) }
    }

    static func tanh(_ x: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { x[i] = Foundation.tanh(x[i]) }
    }

    static func multiply(
        rows m: Int, columns n: Int, inner k: Int, a: UnsafePointer<Double>, aRow: Int, aColumn: Int,
        b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool
    ) {
        MatrixKernels.plainMultiply(
            rows: m, columns: n, inner: k, a: a, aRow: aRow, aColumn: aColumn,
            b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
    }

    static func cellForward(
        rows: Int, width: Int, gates: UnsafeMutablePointer<Double>, previousCells: UnsafePointer<Double>?,
        cells: UnsafeMutablePointer<Double>, tanhCells: UnsafeMutablePointer<Double>,
        output: UnsafeMutablePointer<Double>, outputStride: Int
    ) {
        let w = width
        for b in 0..<rows {
            let z = gates + b * 4 * w, c = cells + b * w, tc = tanhCells + b * w, h = output + b * outputStride
            sigmoid(z, count: 2 * w)
            tanh(z + 2 * w, count: w)
            sigmoid(z + 3 * w, count: w)
            if let cp = previousCells.map({ $0 + b * w }) {
                for j in 0..<w { c[j] = z[w + j] * cp[j] + z[j] * z[2 * w + j] }
            } else {
                for j in 0..<w { c[j] = z[j] * z[2 * w + j] }
            }
            for j in 0..<w { tc[j] = Foundation.tanh(c[j]) }
            for j in 0..<w { h[j] = z[3 * w + j] * tc[j] }
        }
    }

    static func cellBackward(
        rows: Int, width: Int, gates: UnsafeMutablePointer<Double>, tanhCells: UnsafePointer<Double>,
        previousCells: UnsafePointer<Double>?, above: UnsafePointer<Double>?, aboveStride: Int,
        recurrentGradient: UnsafePointer<Double>, cellGradient: UnsafeMutablePointer<Double>, fromNext: Bool
    ) {
        let w = width
        for b in 0..<rows {
            let zr = gates + b * 4 * w, tcr = tanhCells + b * w, dhr = recurrentGradient + b * w, dcr = cellGradient + b * w
            let cp = previousCells.map { $0 + b * w }, ab = above.map { $0 + b * aboveStride }
            for j in 0..<w {
                var dh: Double = fromNext ? dhr[j] : 0
                if let ab { dh += ab[j] }
                let i = zr[j], f = zr[w + j], g = zr[2 * w + j], o = zr[3 * w + j], tc = tcr[j]
                var dc = dh * o * (1 - tc * tc)
                if fromNext { dc += dcr[j] }
                zr[j] = dc * g * i * (1 - i)
                zr[w + j] = if let cp { dc * cp[j] * f * (1 - f) } else { 0 }
                zr[2 * w + j] = dc * i * (1 - g * g)
                zr[3 * w + j] = dh * tc * o * (1 - o)
                dcr[j] = dc * f
            }
        }
    }
}

extension Float: NeuralScalar {
    static func sigmoid(_ x: UnsafeMutablePointer<Float>, count: Int) { FloatKernels.best.sigmoid(x, count: count) }

    static func tanh(_ x: UnsafeMutablePointer<Float>, count: Int) { FloatKernels.best.tanh(x, count: count) }

    @inline(__always)
    static func multiply(
        rows m: Int, columns n: Int, inner k: Int, a: UnsafePointer<Float>, aRow: Int, aColumn: Int,
        b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool
    ) {
        FloatKernels.best.multiply(
            rows: m, columns: n, inner: k, a: a, aRow: aRow, aColumn: aColumn,
            b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
    }

    @inline(__always)
    static func cellForward(
        rows: Int, width: Int, gates: UnsafeMutablePointer<Float>, previousCells: UnsafePointer<Float>?,
        cells: UnsafeMutablePointer<Float>, tanhCells: UnsafeMutablePointer<Float>,
        output: UnsafeMutablePointer<Float>, outputStride: Int
    ) {
        FloatKernels.best.cellForward(
            rows: rows, width: width, gates: gates, previousCells: previousCells,
            cells: cells, tanhCells: tanhCells, output: output, outputStride: outputStride)
    }

    @inline(__always)
    static func cellBackward(
        rows: Int, width: Int, gates: UnsafeMutablePointer<Float>, tanhCells: UnsafePointer<Float>,
        previousCells: UnsafePointer<Float>?, above: UnsafePointer<Float>?, aboveStride: Int,
        recurrentGradient: UnsafePointer<Float>, cellGradient: UnsafeMutablePointer<Float>, fromNext: Bool
    ) {
        FloatKernels.best.cellBackward(
            rows: rows, width: width, gates: gates, tanhCells: tanhCells,
            previousCells: previousCells, above: above, aboveStride: aboveStride,
            recurrentGradient: recurrentGradient, cellGradient: cellGradient, fromNext: fromNext)
    }
}

extension SIMD8 {
    @inline(__always)
    static func load(_ p: UnsafePointer<Scalar>) -> SIMD8<Scalar> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Scalar>.self)
    }

    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Scalar>) -> SIMD8<Scalar> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Scalar>.self)
    }

    @inline(__always)
    func store(_ p: UnsafeMutablePointer<Scalar>) {
        UnsafeMutableRawPointer(p).storeBytes(of: self, as: SIMD8<Scalar>.self)
    }
}
