import Foundation

/// Adam as Keras implements it: m ← m + (g − m)(1 − β₁), v ← v + (g² − v)(1 − β₂),
/// θ ← θ − α · m / (√v + ε) with α = lr · √(1 − β₂ᵗ) / (1 − β₁ᵗ). Defaults are Keras's.
public struct AdamOptimizer: Sendable {
    public var learningRate: Double
    public let beta1: Double
    public let beta2: Double
    public let epsilon: Double
    /// Steps taken so far (t).
    public private(set) var steps: Int = 0
    public private(set) var firstMoment: [Float]
    public private(set) var secondMoment: [Float]

    public init(
        parameterCount: Int, learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
        epsilon: Double = 1e-7
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoment = [Float](repeating: 0, count: parameterCount)
        secondMoment = [Float](repeating: 0, count: parameterCount)
    }

    public mutating func step(_ parameters: inout [Float], gradient: [Float]) {
        precondition(parameters.count == firstMoment.count && gradient.count == firstMoment.count)
        steps += 1
        let t = Double(steps)
        let alpha = Float(learningRate * (1 - pow(beta2, t)).squareRoot() / (1 - pow(beta1, t)))
        let b1 = Float(1 - beta1), b2 = Float(1 - beta2), eps = Float(epsilon)
        let n = parameters.count
        parameters.withUnsafeMutableBufferPointer { p in
            firstMoment.withUnsafeMutableBufferPointer { m in
                secondMoment.withUnsafeMutableBufferPointer { v in
                    gradient.withUnsafeBufferPointer { g in
                        for k in 0..<n {
                            let gk = g[k]
                            m[k] += (gk - m[k]) * b1
                            v[k] += (gk * gk - v[k]) * b2
                            p[k] -= alpha * m[k] / (v[k].squareRoot() + eps)
                        }
                    }
                }
            }
        }
    }
}
