import Testing

@testable import AttributionCore

/// Central finite differences against the hand-written backward pass, in Double through the same
/// generic code the Float network runs, for every parameter group.
@Suite struct NeuralGradientCheckTests {
    struct GroupError: CustomStringConvertible {
        let name: String
        /// max |analytic − numeric| / max |numeric| over the group.
        let relative: Double
        /// max over elements of |analytic − numeric| / max(|analytic|, |numeric|), elements with both
        /// below 1e-7 excluded (there the difference is rounding noise, see `absolute`).
        let elementwise: Double
        let absolute: Double
        var description: String { "\(name): rel \(relative), elementwise \(elementwise), abs \(absolute)" }
    }

    static func check(layers: Int, dropout: Double, seed: UInt64) -> [GroupError] {
        let shape = NetworkShape(days: 4, channels: 3, width: 5, layers: layers, dropout: dropout)
        let count = 6
        let batch = NeuralTestData.windows(shape, count: count, density: 0.5, seed: seed)
        let labels = NeuralTestData.labels(count: count, seed: seed + 1)
        let weights = NeuralTestData.weights(count: count, seed: seed + 2)
        // Keras-style initial weights, scaled up so the gates are away from their linear regime.
        let parameters = ConversionNetwork(shape: shape, seed: seed).parameters.map { Double($0) * 1.5 }
        let dropoutSeed: UInt64? = dropout > 0 ? seed + 3 : nil
        func loss(_ p: [Double]) -> Double {
            NetworkEvaluation.lossAndGradient(
                shape: shape, parameters: p, batch: batch, labels: labels, weights: weights,
                dropoutSeed: dropoutSeed
            ).loss
        }
        let analytic = NetworkEvaluation.lossAndGradient(
            shape: shape, parameters: parameters, batch: batch,
            labels: labels, weights: weights, dropoutSeed: dropoutSeed
        ).gradient
        let h = 1e-5
        var numeric = [Double](repeating: 0, count: parameters.count)
        for k in parameters.indices {
            var p = parameters
            p[k] = parameters[k] + h
            let up = loss(p)
            p[k] = parameters[k] - h
            let down = loss(p)
            numeric[k] = (up - down) / (2 * h)
        }
        return ParameterLayout(shape: shape).groups.map { group in
            var maxDiff = 0.0, maxNumeric = 0.0, elementwise = 0.0
            for k in group.range {
                let diff = abs(analytic[k] - numeric[k])
                maxDiff = max(maxDiff, diff)
                maxNumeric = max(maxNumeric, abs(numeric[k]))
                let scale = max(abs(analytic[k]), abs(numeric[k]))
                if scale > 1e-7 { elementwise = max(elementwise, diff / scale) }
            }
            return GroupError(
                name: group.name, relative: maxNumeric > 0 ? maxDiff / maxNumeric : maxDiff,
                elementwise: elementwise, absolute: maxDiff)
        }
    }

    @Test(arguments: [(2, 0.0), (2, 0.4), (1, 0.0), (1, 0.4)])
    func gradientMatchesFiniteDifferences(layers: Int, dropout: Double) {
        let errors = Self.check(layers: layers, dropout: dropout, seed: 11)
        print("gradient check, layers \(layers), dropout \(dropout):")
        for e in errors { print("  \(e)") }
        for e in errors {
            #expect(e.relative <= 1e-6, "\(e)")
            #expect(e.elementwise <= 1e-4, "\(e)")
        }
    }

    /// The dropout masks actually remove units: with them the gradient differs from the one without.
    @Test func dropoutChangesTheGradient() {
        let shape = NetworkShape(days: 3, channels: 3, width: 4, layers: 2, dropout: 0.5)
        let net = ConversionNetwork(shape: shape, seed: 3)
        let batch = NeuralTestData.windows(shape, count: 5, density: 0.6, seed: 4)
        let labels: [Float] = [1, 0, 1, 0, 0], weights: [Float] = [1, 1, 1, 1, 1]
        let with = net.lossAndGradient(batch, labels: labels, weights: weights, dropoutSeed: 9)
        let without = net.lossAndGradient(batch, labels: labels, weights: weights, dropoutSeed: nil)
        #expect(with.gradient != without.gradient)
        #expect(with.loss != without.loss)
    }
}
