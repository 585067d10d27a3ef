import Foundation

/// The scalar the network computes in. The network code is generic so the same code runs in
/// `Double` (gradient checks to 1e-6) and in `Float` (training and prediction); only the
/// element-wise activations differ: `Double` calls Foundation, `Float` uses the vectorised
/// `exp` below, because a scalar `expf` per gate would cost about as much as the matrix products.
protocol NeuralScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable {
    /// x ← 1 / (1 + e^−x) for `count` values.
    static func sigmoid(_ x: UnsafeMutablePointer<Self>, count: Int)
    /// x ← tanh x for `count` values.
    static func tanh(_ x: UnsafeMutablePointer<Self>, count: Int)
}

extension Double: NeuralScalar {
    static func sigmoid(_ x: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { x[i] = 1 / (1 + Foundation.exp(-x[i])) }
    }

    static func tanh(_ x: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { x[i] = Foundation.tanh(x[i]) }
    }
}

extension Float: NeuralScalar {
    static func sigmoid(_ x: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let v = SIMD8<Float>.load(x + i)
            (1 / (1 + FastMath.exp(-v))).store(x + i)
            i += 8
        }
        while i < count {
            x[i] = 1 / (1 + FastMath.exp(SIMD8(repeating: -x[i]))[0])
            i += 1
        }
    }

    static func tanh(_ x: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            FastMath.tanh(SIMD8<Float>.load(x + i)).store(x + i)
            i += 8
        }
        while i < count {
            x[i] = FastMath.tanh(SIMD8(repeating: x[i]))[0]
            i += 1
        }
    }
}

/// Vectorised exp and tanh for `Float`, accurate to a few ulp (tests compare them with Foundation).
enum FastMath {
    /// e^x = 2^n · e^r with n = round(x / ln 2), |r| ≤ ln 2 / 2; e^r by its Taylor series to degree 7
    /// (truncation error < 1e-8 relative); 2^n built in the exponent bits.
    @inline(__always)
    static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        // Past these bounds e^x is 0 or inf in Float anyway; clamping keeps 2^n a normal number.
        // (A lane loop: the compiler turns it into minps/maxps, where the generic `pointwiseMin` stays a call.)
        var x = x
        for k in 0..<8 { x[k] = Swift.min(Swift.max(x[k], -87.3), 88.3) }
        // Adding 1.5·2^23 rounds to an integer held in the low mantissa bits: no float→int conversion.
        let magic = SIMD8<Float>(repeating: 12_582_912)
        let shifted = x * SIMD8(repeating: 1.442_695_04) + magic
        let n = shifted - magic
        // ln 2 split in two (Cody–Waite) so n · ln2High is exact.
        let r = x - n * SIMD8(repeating: 0.693_359_375) - n * SIMD8(repeating: -2.121_944_4e-4)
        // Estrin's scheme (pairs, then powers of r²) for a shorter dependency chain than Horner's.
        let r2 = r * r, r4 = r2 * r2
        let q01 = 1 + r, q23 = SIMD8<Float>(repeating: 0.5) + r * SIMD8(repeating: 1.0 / 6)
        let q45 = SIMD8<Float>(repeating: 1.0 / 24) + r * SIMD8(repeating: 1.0 / 120)
        let q67 = SIMD8<Float>(repeating: 1.0 / 720) + r * SIMD8(repeating: 1.0 / 5040)
        let p = (q01 + r2 * q23) + r4 * (q45 + r2 * q67)
        let bits = (unsafeBitCast(shifted, to: SIMD8<Int32>.self) &+ SIMD8(repeating: 127)) &<< SIMD8(repeating: 23)
        return p * unsafeBitCast(bits, to: SIMD8<Float>.self)
    }

    /// tanh x = 2 / (1 + e^−2x) − 1: saturates cleanly at both ends; near 0 its error is absolute
    /// (~1e-7), which is all an LSTM needs.
    @inline(__always)
    static func tanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
        2 / (1 + exp(-2 * x)) - 1
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
