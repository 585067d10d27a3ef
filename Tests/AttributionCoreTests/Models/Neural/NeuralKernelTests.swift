import Foundation
import Testing

@testable import AttributionCore

/// The C kernels (every variant this CPU runs: baseline and, with AVX2 + FMA, the fused one) against
/// plain loops in Double, and the summation-order guarantee that makes results independent of blocking.
@Suite struct NeuralKernelTests {
    static let variants = FloatKernels.available.map(\.name)

    static func kernels(_ name: String) -> FloatKernels { FloatKernels.available.first { $0.name == name }! }

    static func random(_ count: Int, _ rng: inout SeededGenerator) -> [Float] {
        (0..<count).map { _ in Float(rng.nextUnit() * 2 - 1) }
    }

    /// Odd shapes cross every block size: 6-, 4-, 2- and 1-row blocks, 16- and 8-column panels, scalar
    /// columns; inner sizes below, at and beyond the 256-row packing block; A plain and transposed.
    @Test(arguments: variants)
    func multiplyMatchesAPlainLoop(variant: String) {
        let kernels = Self.kernels(variant)
        var rng = SeededGenerator(seed: 1)
        for (m, n, k) in [(1, 1, 1), (7, 23, 5), (13, 40, 300), (3, 17, 9), (25, 9, 600), (64, 256, 64), (11, 33, 257)] {
            for transposed in [false, true] {
                for accumulate in [false, true] {
                    let a = Self.random(m * k, &rng), b = Self.random(k * (n + 3), &rng), c0 = Self.random(m * (n + 2), &rng)
                    let ldb = n + 3, ldc = n + 2
                    let aRow = transposed ? 1 : k, aColumn = transposed ? m : 1
                    var c = c0
                    a.withUnsafeBufferPointer { ap in
                        b.withUnsafeBufferPointer { bp in
                            c.withUnsafeMutableBufferPointer { cp in
                                kernels.multiply(
                                    rows: m, columns: n, inner: k, a: ap.baseAddress!, aRow: aRow, aColumn: aColumn,
                                    b: bp.baseAddress!, ldb: ldb, c: cp.baseAddress!, ldc: ldc, accumulate: accumulate)
                            }
                        }
                    }
                    var worst = 0.0
                    for i in 0..<m {
                        for j in 0..<n {
                            var s = accumulate ? Double(c0[i * ldc + j]) : 0
                            for p in 0..<k { s += Double(a[i * aRow + p * aColumn]) * Double(b[p * ldb + j]) }
                            worst = max(worst, abs(Double(c[i * ldc + j]) - s) / Double(k + 1).squareRoot())
                        }
                        // Padding columns are untouched.
                        for j in n..<ldc { #expect(c[i * ldc + j] == c0[i * ldc + j]) }
                    }
                    #expect(worst < 1e-6, "\(variant) \(m)×\(n)×\(k) transposed \(transposed): error \(worst)")
                }
            }
        }
    }

    /// An element of C comes out bit-identical whether it sits in a 6-row block, a remainder row, a
    /// 16-column panel, an 8-column panel or a scalar column: what makes results independent of shards.
    @Test(arguments: variants)
    func everyElementIsSummedInOneOrder(variant: String) {
        let kernels = Self.kernels(variant)
        var rng = SeededGenerator(seed: 2)
        let m = 17, n = 27, k = 300
        let a = Self.random(m * k, &rng), b = Self.random(k * n, &rng)
        func product(rows: Range<Int>, columns: Range<Int>) -> [Float] {
            var c = [Float](repeating: 0, count: rows.count * columns.count)
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        kernels.multiply(
                            rows: rows.count, columns: columns.count, inner: k,
                            a: ap.baseAddress! + rows.lowerBound * k, aRow: k, aColumn: 1,
                            b: bp.baseAddress! + columns.lowerBound, ldb: n,
                            c: cp.baseAddress!, ldc: columns.count, accumulate: false)
                    }
                }
            }
            return c
        }
        let whole = product(rows: 0..<m, columns: 0..<n)
        for (rows, columns) in [(5..<6, 0..<n), (16..<17, 3..<4), (0..<1, 20..<27), (2..<14, 19..<27), (12..<16, 0..<1)] {
            let part = product(rows: rows, columns: columns)
            for (r, i) in rows.enumerated() {
                for (q, j) in columns.enumerated() {
                    #expect(part[r * columns.count + q].bitPattern == whole[i * n + j].bitPattern, "\(variant) (\(i), \(j))")
                }
            }
        }
    }

    /// The fused LSTM step against its definition in Double (widths not a multiple of 8 use the tails).
    @Test(arguments: variants)
    func cellForwardMatchesItsDefinition(variant: String) {
        let kernels = Self.kernels(variant)
        var rng = SeededGenerator(seed: 3)
        for width in [1, 5, 8, 13, 64] {
            for withPrevious in [false, true] {
                let rows = 3, stride = 2 * width + 1
                let z0 = Self.random(rows * 4 * width, &rng).map { $0 * 6 }
                let cp = Self.random(rows * width, &rng).map { $0 * 2 }
                var z = z0, c = [Float](repeating: 0, count: rows * width), tc = c
                var h = [Float](repeating: 9, count: rows * stride)
                cp.withUnsafeBufferPointer { cpp in
                    kernels.cellForward(
                        rows: rows, width: width, gates: &z, previousCells: withPrevious ? cpp.baseAddress! : nil,
                        cells: &c, tanhCells: &tc, output: &h, outputStride: stride)
                }
                func sigmoid(_ x: Float) -> Double { 1 / (1 + Foundation.exp(-Double(x))) }
                var worst = 0.0
                for b in 0..<rows {
                    for j in 0..<width {
                        let zr = b * 4 * width
                        let i = sigmoid(z0[zr + j]), f = sigmoid(z0[zr + width + j])
                        let g = Foundation.tanh(Double(z0[zr + 2 * width + j])), o = sigmoid(z0[zr + 3 * width + j])
                        let cell = (withPrevious ? f * Double(cp[b * width + j]) : 0) + i * g
                        let expected = [i, f, g, o, cell, Foundation.tanh(cell), o * Foundation.tanh(cell)]
                        let got = [
                            z[zr + j], z[zr + width + j], z[zr + 2 * width + j], z[zr + 3 * width + j],
                            c[b * width + j], tc[b * width + j], h[b * stride + j],
                        ]
                        for (e, x) in zip(expected, got) { worst = max(worst, abs(Double(x) - e)) }
                    }
                    // The rest of the output row (the other direction's half) is untouched.
                    for j in width..<stride { #expect(h[b * stride + j] == 9) }
                }
                #expect(worst < 2e-6, "\(variant) width \(width): error \(worst)")
            }
        }
    }

    /// The fused step back against the Double implementation (itself checked by finite differences).
    @Test(arguments: variants)
    func cellBackwardMatchesTheDoublePath(variant: String) {
        let kernels = Self.kernels(variant)
        var rng = SeededGenerator(seed: 4)
        for width in [3, 8, 21] {
            for (fromNext, withPrevious, withAbove) in [(false, false, true), (true, true, false), (true, true, true), (false, true, true)]
            {
                let rows = 4, stride = 2 * width + 3
                let gates = Self.random(rows * 4 * width, &rng).map { ($0 + 1) / 2 }
                let tanhCells = Self.random(rows * width, &rng), cells = Self.random(rows * width, &rng)
                let above = Self.random(rows * stride, &rng), dh = Self.random(rows * width, &rng), dc0 = Self.random(rows * width, &rng)
                var z = gates, dc = dc0
                var zd = gates.map(Double.init), dcd = dc0.map(Double.init)
                let cellsD = cells.map(Double.init), aboveD = above.map(Double.init)
                cells.withUnsafeBufferPointer { cp in
                    above.withUnsafeBufferPointer { ap in
                        kernels.cellBackward(
                            rows: rows, width: width, gates: &z, tanhCells: tanhCells,
                            previousCells: withPrevious ? cp.baseAddress! : nil,
                            above: withAbove ? ap.baseAddress! : nil, aboveStride: stride,
                            recurrentGradient: dh, cellGradient: &dc, fromNext: fromNext)
                    }
                }
                cellsD.withUnsafeBufferPointer { cp in
                    aboveD.withUnsafeBufferPointer { ap in
                        Double.cellBackward(
                            rows: rows, width: width, gates: &zd, tanhCells: tanhCells.map(Double.init),
                            previousCells: withPrevious ? cp.baseAddress! : nil,
                            above: withAbove ? ap.baseAddress! : nil, aboveStride: stride,
                            recurrentGradient: dh.map(Double.init), cellGradient: &dcd, fromNext: fromNext)
                    }
                }
                let worst = zip(z + dc, zd + dcd).map { abs(Double($0) - $1) }.max()!
                #expect(worst < 1e-6, "\(variant) width \(width): error \(worst)")
            }
        }
    }

    @Test func theFastestVariantIsChosen() {
        #expect(FloatKernels.available.map(\.name).contains(FloatKernels.best.name))
        #expect(FloatKernels.available.last!.name == FloatKernels.best.name)
    }
}
