import Foundation

/// Keras's default initialisation for this model, from a seed: Glorot-uniform input and dense kernels,
/// orthogonal recurrent kernels, zero biases except the LSTM forget gate's (1, `unit_forget_bias`).
/// Every block draws from its own stream of the seed, so changing one block's size leaves the others alone.
enum ParameterInitializer {
    static func parameters(shape: NetworkShape, seed: UInt64) -> [Float] {
        let layout = ParameterLayout(shape: shape)
        var p = [Float](repeating: 0, count: layout.count)
        let w = shape.width
        for (stream, group) in layout.groups.enumerated() {
            var rng = SeededGenerator(seed: seed, stream: UInt64(stream))
            let r = group.range
            if group.name.hasSuffix(".recurrent_kernel") {
                let q = orthogonal(rows: w, columns: 4 * w, using: &rng)
                for k in 0..<q.count { p[r.lowerBound + k] = Float(q[k]) }
            } else if group.name.hasSuffix(".bias") && group.name.hasPrefix("lstm") {
                for k in w..<(2 * w) { p[r.lowerBound + k] = 1 }
            } else if group.name.hasSuffix("kernel") {
                let fanOut = group.name.hasPrefix("lstm") ? 4 * w : (group.name == "dense.kernel" ? w : 1)
                let fanIn = r.count / fanOut
                let limit = (6 / Double(fanIn + fanOut)).squareRoot()
                for k in r { p[k] = Float((2 * rng.nextUnit() - 1) * limit) }
            }
        }
        return p
    }

    /// A `[rows × columns]` matrix (rows ≤ columns) with orthonormal rows: Gram–Schmidt (twice, for
    /// accuracy) on Gaussian rows, like Keras's QR of a Gaussian matrix up to the signs.
    static func orthogonal(rows: Int, columns: Int, using rng: inout SeededGenerator) -> [Double] {
        precondition(rows <= columns)
        var m = (0..<(rows * columns)).map { _ in gaussian(&rng) }
        for i in 0..<rows {
            for _ in 0..<2 {
                for j in 0..<i {
                    var dot = 0.0
                    for k in 0..<columns { dot += m[i * columns + k] * m[j * columns + k] }
                    for k in 0..<columns { m[i * columns + k] -= dot * m[j * columns + k] }
                }
            }
            var norm = 0.0
            for k in 0..<columns { norm += m[i * columns + k] * m[i * columns + k] }
            let scale = 1 / norm.squareRoot()
            for k in 0..<columns { m[i * columns + k] *= scale }
        }
        return m
    }

    /// Box–Muller.
    static func gaussian(_ rng: inout SeededGenerator) -> Double {
        let u = 1 - rng.nextUnit()  // (0, 1]
        let v = rng.nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
