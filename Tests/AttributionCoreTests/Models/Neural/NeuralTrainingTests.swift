import Foundation
import Testing

@testable import AttributionCore

/// Adam and the gradient together: the network learns what it is shown.
@Suite struct NeuralTrainingTests {
    /// Keras's Adam on a hand-checked first step: α = lr · √(1 − β₂) / (1 − β₁), m = 0.1 g, v = 0.001 g²,
    /// so θ moves by lr · sign(g) (up to ε).
    @Test func adamFirstStepMovesByTheLearningRate() {
        var adam = AdamOptimizer(parameterCount: 3, learningRate: 0.01)
        var p: [Float] = [1, 2, 3]
        adam.step(&p, gradient: [0.5, -2, 0])
        #expect(abs(p[0] - 0.99) < 1e-6 && abs(p[1] - 2.01) < 1e-6 && p[2] == 3)
        #expect(adam.steps == 1)
    }

    /// A separable toy problem: converters touched channel 0 on any day, others did not.
    @Test func adamStepsReduceTheLoss() {
        let shape = NetworkShape(days: 3, channels: 3, width: 6, layers: 1, dropout: 0)
        var net = ConversionNetwork(shape: shape, seed: 21)
        let batch = NeuralTestData.windows(shape, count: 64, density: 0.4, seed: 22)
        let labels: [Float] = (0..<64).map { w in (0..<3).contains { batch.isActive(window: w, day: $0, channel: 0) } ? 1 : 0 }
        let weights = [Float](repeating: 1, count: 64)
        var adam = AdamOptimizer(parameterCount: net.parameters.count, learningRate: 0.01)
        let first = net.lossAndGradient(batch, labels: labels, weights: weights, dropoutSeed: nil).loss
        var losses: [Double] = []
        for _ in 0..<30 {
            let r = net.lossAndGradient(batch, labels: labels, weights: weights, dropoutSeed: nil)
            losses.append(r.loss)
            adam.step(&net.parameters, gradient: r.gradient)
        }
        let last = net.lossAndGradient(batch, labels: labels, weights: weights, dropoutSeed: nil).loss
        #expect(last < 0.6 * first, "loss \(first) → \(last)")
    }

    /// Conversion driven by one channel on the anchor day only (channel 1 on day 2 of 3); other touches
    /// are noise. Trained with dropout 0.2 on minibatches, judged on held-out windows.
    @Test func learnsAnAnchorDayChannel() {
        let shape = NetworkShape(days: 3, channels: 4, width: 8, layers: 2, dropout: 0.2)
        var net = ConversionNetwork(shape: shape, seed: 31)
        func data(_ count: Int, seed: UInt64) -> (WindowBatch, [Float]) {
            let b = NeuralTestData.windows(shape, count: count, density: 0.35, seed: seed)
            var rng = SeededGenerator(seed: seed + 1)
            let y: [Float] = (0..<count).map { w in
                let p = b.isActive(window: w, day: 2, channel: 1) ? 0.8 : 0.1
                return rng.nextUnit() < p ? 1 : 0
            }
            return (b, y)
        }
        let (train, trainLabels) = data(512, seed: 32)
        let (test, testLabels) = data(400, seed: 33)
        var adam = AdamOptimizer(parameterCount: net.parameters.count, learningRate: 0.01)
        var rng = SeededGenerator(seed: 34)
        for step in 0..<120 {
            let idx = (0..<64).map { _ in Int(rng.next() % 512) }
            let r = net.lossAndGradient(
                train.gathering(idx), labels: idx.map { trainLabels[$0] },
                weights: [Float](repeating: 1, count: 64), dropoutSeed: UInt64(step))
            adam.step(&net.parameters, gradient: r.gradient)
        }
        let p = net.predict(test)
        let auc = NeuralTestData.auc(scores: p, labels: testLabels)
        let loss = net.lossAndGradient(test, labels: testLabels, weights: [Float](repeating: 1, count: 400), dropoutSeed: nil).loss
        // The Bayes AUC here is about 0.85; chance 0.5. Prevalence ≈ 0.3, so a constant scores BCE ≈ 0.61.
        print("anchor-channel problem: held-out AUC \(auc), loss \(loss)")
        #expect(auc > 0.8)
        #expect(loss < 0.5)
    }
}
