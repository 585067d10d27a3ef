import Foundation

/// Poisson draws for the bootstrap. A Poisson bootstrap gives every journey a
/// Poisson(1) weight; a path seen `n` times then gets the sum of `n` such weights,
/// which is one Poisson(n) draw, so distinct paths are resampled without visiting
/// their journeys.
enum PoissonDraw {
    /// One draw of Poisson(`mean`). Small means by inversion; from
    /// `rejectionThreshold` on by Hörmann's transformed rejection (PTRS), whose cost
    /// does not grow with the mean (a path may stand for 100 000 journeys).
    static func draw(mean: Double, _ rng: inout SeededGenerator) -> Double {
        guard mean > 0, mean.isFinite else { return 0 }
        if mean < rejectionThreshold { return inversion(mean: mean, &rng) }
        return transformedRejection(mean: mean, &rng)
    }

    static let rejectionThreshold = 10.0

    /// Poisson(1) from a precomputed CDF: one uniform and about two comparisons.
    @inline(__always)
    static func unitWeight(_ rng: inout SeededGenerator) -> UInt32 {
        let u = rng.nextUnit()
        var k: UInt32 = 0
        while k < UInt32(unitCDF.count) && u >= unitCDF[Int(k)] { k += 1 }
        return k
    }

    /// P(X ≤ k) for X ~ Poisson(1), k = 0…; past the end (u ≥ 1 − 1e-19) is never reached.
    static let unitCDF: [Double] = {
        var cdf: [Double] = []
        var p = exp(-1.0), total = 0.0
        for k in 0..<20 {
            total += p
            cdf.append(total)
            p /= Double(k + 1)
        }
        return cdf
    }()

    private static func inversion(mean: Double, _ rng: inout SeededGenerator) -> Double {
        let u = rng.nextUnit()
        // Most paths are seen a few whole times: their e^−n comes from a table.
        let whole = Int(mean)
        var p = Double(whole) == mean ? negativeExponentials[whole] : exp(-mean)
        var cdf = p, k = 0.0
        // The cap only guards against rounding leaving cdf a hair below u.
        while u >= cdf && k < 1_000 {
            k += 1
            p *= mean / k
            cdf += p
        }
        return k
    }

    /// e^−n for n = 0..<10, the whole means inversion takes.
    private static let negativeExponentials: [Double] = (0..<10).map { exp(-Double($0)) }

    /// Hörmann (1993), "The transformed rejection method for generating Poisson
    /// random variables", algorithm PTRS.
    private static func transformedRejection(mean: Double, _ rng: inout SeededGenerator) -> Double {
        let root = mean.squareRoot(), logMean = log(mean)
        let b = 0.931 + 2.53 * root
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = rng.nextUnit() - 0.5
            let v = rng.nextUnit()
            let us = 0.5 - abs(u)
            if us <= 0 { continue }
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return k }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + log(inverseAlpha) - log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k) {
                return k
            }
        }
    }

    /// ln k! : a table below 16, Stirling's series above (error below 1e-12 there).
    static func logFactorial(_ k: Double) -> Double {
        if k < 16 { return smallLogFactorials[Int(k)] }
        let inverse = 1 / k, inverse2 = inverse * inverse
        return k * log(k) - k + 0.5 * log(2 * Double.pi * k)
            + inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 / 1260))
    }

    private static let smallLogFactorials: [Double] = {
        var out = [0.0]
        for k in 1..<16 { out.append(out[k - 1] + log(Double(k))) }
        return out
    }()
}
