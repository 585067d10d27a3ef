import CNeuralKernels

/// The C kernels (`Sources/CNeuralKernels`) the `Float` network runs on: products and the LSTM step's
/// element-wise part, in an AVX2 + FMA build and a baseline build, the best this CPU runs picked once.
/// Results are identical on one machine whatever the threads; across CPUs with and without AVX2 they may
/// differ in the last bits (fused multiply-adds round once).
struct FloatKernels: @unchecked Sendable {  // a pointer to an immutable C table
    let table: UnsafePointer<NKKernels>

    static let best = FloatKernels(table: nk_kernels())

    /// Every variant this CPU runs (tests compare each with a plain loop).
    static var available: [FloatKernels] {
        [nk_kernels_baseline(), nk_kernels_avx2()].compactMap { $0.map(FloatKernels.init) }
    }

    var name: String { String(cString: table.pointee.name) }

    @inline(__always)
    func multiply(
        rows m: Int, columns n: Int, inner k: Int, a: UnsafePointer<Float>, aRow: Int, aColumn: Int,
        b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool
    ) {
        table.pointee.multiply(m, n, k, a, aRow, aColumn, b, ldb, c, ldc, accumulate ? 1 : 0)
    }

    @inline(__always)
    func cellForward(
        rows: Int, width: Int, gates: UnsafeMutablePointer<Float>, previousCells: UnsafePointer<Float>?,
        cells: UnsafeMutablePointer<Float>, tanhCells: UnsafeMutablePointer<Float>,
        output: UnsafeMutablePointer<Float>, outputStride: Int
    ) {
        table.pointee.cellForward(rows, width, gates, previousCells, cells, tanhCells, output, outputStride)
    }

    @inline(__always)
    func cellBackward(
        rows: Int, width: Int, gates: UnsafeMutablePointer<Float>, tanhCells: UnsafePointer<Float>,
        previousCells: UnsafePointer<Float>?, above: UnsafePointer<Float>?, aboveStride: Int,
        recurrentGradient: UnsafePointer<Float>, cellGradient: UnsafeMutablePointer<Float>, fromNext: Bool
    ) {
        table.pointee.cellBackward(
            rows, width, gates, tanhCells, previousCells, above, aboveStride,
            fromNext ? recurrentGradient : nil, cellGradient, fromNext ? 1 : 0)
    }

    func sigmoid(_ x: UnsafeMutablePointer<Float>, count: Int) { table.pointee.sigmoid(x, count) }
    func tanh(_ x: UnsafeMutablePointer<Float>, count: Int) { table.pointee.tanh(x, count) }
}
