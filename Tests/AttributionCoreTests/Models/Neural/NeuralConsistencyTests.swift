import Foundation
import Testing

@testable import AttributionCore

/// Prediction against training's forward pass, and bit-for-bit repeatability whatever the threads.
@Suite struct NeuralConsistencyTests {
    static let shape = NetworkShape(days: 5, channels: 6, width: 8, layers: 2, dropout: 0.5)

    @Test func predictEqualsTheTrainingForwardWithoutDropout() {
        let net = ConversionNetwork(shape: Self.shape, seed: 1)
        let batch = NeuralTestData.windows(Self.shape, count: 150, seed: 2)
        let labels = NeuralTestData.labels(count: 150, seed: 3), weights = NeuralTestData.weights(count: 150, seed: 4)
        let logits = net.logits(batch)
        var total = 0.0, sum = 0.0
        for k in 0..<batch.count {
            let z = Double(logits[k]), y = Double(labels[k]), w = Double(weights[k])
            sum += w * (max(z, 0) - z * y + log1p(exp(-abs(z))))
            total += w
        }
        let noSeed = net.lossAndGradient(batch, labels: labels, weights: weights, dropoutSeed: nil)
        #expect(abs(noSeed.loss - sum / total) < 1e-12)
        // A zero rate with a seed is the same as no dropout.
        var zeroRate = Self.shape
        zeroRate.dropout = 0
        let net0 = try! ConversionNetwork(shape: zeroRate, parameters: net.parameters)
        let seeded = net0.lossAndGradient(batch, labels: labels, weights: weights, dropoutSeed: 77)
        #expect(seeded.loss == noSeed.loss)
        #expect(seeded.gradient == noSeed.gradient)
        // Probabilities are σ(logit).
        let p = net.predict(batch)
        for k in 0..<batch.count { #expect(abs(p[k] - 1 / (1 + exp(-logits[k]))) < 1e-7) }
    }

    @Test func gradientIsBitIdenticalForAnyThreadCount() {
        let net = ConversionNetwork(shape: Self.shape, seed: 5)
        for count in [1, 33, 100, 517] {
            let batch = NeuralTestData.windows(Self.shape, count: count, seed: 6)
            let labels = NeuralTestData.labels(count: count, seed: 7), weights = NeuralTestData.weights(count: count, seed: 8)
            let one = net.lossAndGradient(batch, labels: labels, weights: weights, dropoutSeed: 42, threads: 1)
            for threads in [2, 3, 8] {
                let many = net.lossAndGradient(batch, labels: labels, weights: weights, dropoutSeed: 42, threads: threads)
                #expect(one.loss.bitPattern == many.loss.bitPattern, "count \(count), threads \(threads)")
                #expect(one.gradient.map(\.bitPattern) == many.gradient.map(\.bitPattern), "count \(count), threads \(threads)")
            }
            let again = net.lossAndGradient(batch, labels: labels, weights: weights, dropoutSeed: 42)
            #expect(one.gradient.map(\.bitPattern) == again.gradient.map(\.bitPattern))
            let otherSeed = net.lossAndGradient(batch, labels: labels, weights: weights, dropoutSeed: 43)
            #expect(otherSeed.loss != one.loss)
        }
    }

    /// A window's prediction does not depend on the rest of the batch or the threads.
    @Test func predictionsAreBitIdenticalForAnyBatchAndThreads() {
        let net = ConversionNetwork(shape: Self.shape, seed: 9)
        let batch = NeuralTestData.windows(Self.shape, count: 300, seed: 10)
        let one = net.logits(batch, threads: 1)
        #expect(net.logits(batch, threads: 2).map(\.bitPattern) == one.map(\.bitPattern))
        #expect(net.logits(batch, threads: 5).map(\.bitPattern) == one.map(\.bitPattern))
        let alone = (0..<batch.count).map { net.logits(batch.slice($0..<($0 + 1)))[0] }
        #expect(alone.map(\.bitPattern) == one.map(\.bitPattern))
    }

    /// A window's dropout masks depend on its index in the batch only: its loss term is the same
    /// whether the batch is cut into one shard or many (here: the same window first in batches of 1 and 40).
    @Test func dropoutMasksDependOnTheWindowIndexOnly() {
        let net = ConversionNetwork(shape: Self.shape, seed: 11)
        let batch = NeuralTestData.windows(Self.shape, count: 40, seed: 12)
        var weights = [Float](repeating: 0, count: 40)
        weights[0] = 1
        let labels = [Float](repeating: 1, count: 40)
        let inBatch = net.lossAndGradient(batch, labels: labels, weights: weights, dropoutSeed: 3)
        let alone = net.lossAndGradient(batch.slice(0..<1), labels: [1], weights: [1], dropoutSeed: 3)
        #expect(inBatch.loss == alone.loss)
    }

    @Test func zeroTotalWeightGivesZeroLossAndGradient() {
        let net = ConversionNetwork(shape: Self.shape, seed: 1)
        let batch = NeuralTestData.windows(Self.shape, count: 3, seed: 2)
        let r = net.lossAndGradient(batch, labels: [1, 0, 1], weights: [0, 0, 0], dropoutSeed: 1)
        #expect(r.loss == 0 && r.gradient.allSatisfy { $0 == 0 } && r.gradient.count == net.parameters.count)
        #expect(net.predict(WindowBatch(days: 5, channels: 6)).isEmpty)
    }
}
