import Foundation
import Testing

@testable import AttributionCore

@Suite struct NeuralTrainerTests {
    /// Windows of 3 days × 3 channels where a touch of channel 0 on the anchor day
    /// converts 30 % of the time, anything else 2 %: the network must find channel 0.
    static let counts: WindowCounts = {
        var counts = WindowCounts(days: 3, channels: 3)
        for window in 0..<(1 << 9) {
            let masks = (0..<3).map { UInt64(window >> (3 * $0) & 7) }
            let rate = masks[2] & 1 == 1 ? 0.3 : 0.02
            let n = Int64(40 + window % 7 * 10)
            let positives = Int64((Double(n) * rate).rounded())
            counts.add(masks, positives: positives, negatives: n - positives)
        }
        return counts
    }()

    static var small: TrainingOptions {
        var o = TrainingOptions()
        // Small enough for a debug build.
        o.width = 4
        o.layers = 1
        o.dropout = 0.1
        o.epochs = 2
        o.stepsPerEpoch = 40
        o.batchSize = 128
        o.learningRate = 0.03
        o.validationFraction = 0.3
        o.seed = 5
        // Batches by count: the balanced path has its own test below.
        o.balance = false
        return o
    }

    @Test func trainingLearnsAndIsCalibratedAndRepeatable() {
        var epochs: [EpochMetrics] = []
        let model = NeuralTrainer.train(Self.counts, options: Self.small, onEpoch: { epochs.append($0) })
        #expect(epochs.count == 2)
        let last = epochs.last!
        // Held-out examples: close to the best possible AUC (the rule's own).
        var best: [Double] = [], labels: [Float] = [], weights: [Double] = []
        for w in 0..<Self.counts.count {
            let score = Self.counts.windows.window(w).last! & 1 == 1 ? 1.0 : 0.0
            best += [score, score]
            labels += [1, 0]
            weights += [Double(Self.counts.positives[w]), Double(Self.counts.negatives[w])]
        }
        let ideal = ClassificationMetrics(probabilities: best, labels: labels, weights: weights).rocAUC
        #expect(last.validation!.rocAUC > ideal - 0.03 && ideal > 0.75, "\(last), ideal \(ideal)")
        #expect(epochs[1].trainLoss < epochs[0].trainLoss)
        // Calibrated: the mean predicted probability equals the base rate (within 1 %).
        #expect(abs(last.train.meanPrediction / last.train.baseRate - 1) < 0.01, "\(last.train)")
        #expect(abs(last.validation!.meanPrediction / last.validation!.baseRate - 1) < 0.1, "\(last.validation!)")
        let again = NeuralTrainer.train(Self.counts, options: Self.small)
        #expect(again.network.parameters == model.network.parameters && again.calibrationShift == model.calibrationShift)
    }

    /// A full pass's batches hold very different weights (here one window holds most
    /// examples). With the parameters held still (a negligible learning rate), the
    /// epoch's mean step loss must be the whole training split's weighted loss, which it
    /// is only if each batch counts by its weight.
    @Test func aFullPassWeighsEachBatchByItsExamples() {
        var counts = Self.counts
        counts.add([0, 0, 0], positives: 40, negatives: 200_000)
        for balance in [false, true] {
            var o = Self.small
            o.stepsPerEpoch = nil
            o.epochs = 1
            o.dropout = 0
            o.learningRate = 1e-12
            o.balance = balance
            var epochs: [EpochMetrics] = []
            let model = NeuralTrainer.train(counts, options: o, onEpoch: { epochs.append($0) })
            let split = ExampleSplit(counts, fraction: o.validationFraction, seed: o.seed)
            let pairs = (0..<split.count).filter { split.train[$0] > 0 }
            let positives = split.total(split.train, label: 1), negatives = split.total(split.train, label: 0)
            let weights = pairs.map { Float(split.train[$0] * (balance && split.label[$0] == 1 ? negatives / positives : 1)) }
            let whole = model.network.lossAndGradient(
                counts.windows.gathering(pairs.map { Int(split.window[$0]) }),
                labels: pairs.map { split.label[$0] }, weights: weights, dropoutSeed: nil
            ).loss
            #expect(abs(epochs[0].trainLoss / whole - 1) < 1e-4, "balance \(balance): \(epochs[0].trainLoss) vs \(whole)")
        }
    }

    @Test func balancedAndAugmentedTrainingIsCalibratedBackToTheData() {
        var o = Self.small
        o.augmentLastDay = true
        o.stepsPerEpoch = nil  // one weighted pass over every pair
        o.epochs = 1
        var last: EpochMetrics? = nil
        let model = NeuralTrainer.train(Self.counts, options: o, onEpoch: { last = $0 })
        // Trained on other odds than the data's; the shift brings the mean back to the base rate.
        #expect(model.calibrationShift.isFinite && model.calibrationShift != 0)
        #expect(abs(last!.train.meanPrediction / last!.train.baseRate - 1) < 0.01, "\(last!.train)")
    }

    @Test func theAnalyticShiftUndoesTheTrainingOdds() {
        var o = TrainingOptions()
        o.balance = false
        #expect(NeuralTrainer.calibrationShift(positives: 10, negatives: 990, options: o) == 0)
        o.balance = true
        #expect(abs(NeuralTrainer.calibrationShift(positives: 10, negatives: 990, options: o) - log(10.0 / 990)) < 1e-12)
        o.augmentLastDay = true
        // Trained at 25 % positives: odds 1/3.
        #expect(abs(NeuralTrainer.calibrationShift(positives: 10, negatives: 990, options: o) - log((10.0 / 990) / (1.0 / 3))) < 1e-12)
    }

    @Test func weightedAUCCountsTiesAsHalf() {
        // Scores: pos 0.9 (w 2), neg 0.9 (w 1), pos 0.2 (w 1), neg 0.1 (w 3).
        let m = ClassificationMetrics(probabilities: [0.9, 0.9, 0.2, 0.1], labels: [1, 0, 1, 0], weights: [2, 1, 1, 3])
        // Pairs: 0.9 pos vs neg 0.9 tie (2×1×½), vs neg 0.1 (2×3); 0.2 pos vs neg 0.1 (1×3), vs 0.9 (0).
        #expect(abs(m.rocAUC - (1 + 6 + 3) / 12.0) < 1e-12)
        #expect(abs(m.baseRate - 3.0 / 7) < 1e-12)
        let loss = -(2 * log(0.9) + log(0.1) + log(0.2) + 3 * log(0.9)) / 7
        #expect(abs(m.logLoss - loss) < 1e-12)
    }

    @Test func theAliasSamplerDrawsByWeight() {
        let sampler = AliasSampler(indices: [10, 20, 30, 40], weights: [1, 0, 3, 6])
        var rng = SeededGenerator(seed: 3)
        var seen: [Int32: Int] = [:]
        for _ in 0..<100_000 { seen[sampler.draw(&rng), default: 0] += 1 }
        #expect(seen[20] == nil)
        #expect(abs(Double(seen[10]!) / 100_000 - 0.1) < 0.01)
        #expect(abs(Double(seen[30]!) / 100_000 - 0.3) < 0.01)
        #expect(abs(Double(seen[40]!) / 100_000 - 0.6) < 0.01)
    }

    @Test func theSplitKeepsEveryExample() {
        let split = ExampleSplit(Self.counts, fraction: 0.3, seed: 2)
        let total = Double(Self.counts.totalPositives + Self.counts.totalNegatives)
        #expect(split.train.reduce(0, +) + split.validation.reduce(0, +) == total)
        #expect(abs(split.validation.reduce(0, +) / total - 0.3) < 0.01)
    }

    /// The all-zero window holds most examples: it is always scored, with its own count,
    /// and the sampled rest is scaled so the totals stay right in expectation.
    @Test func theEvaluationSampleKeepsTheHeaviestWindowsWhole() {
        var counts = WindowCounts(days: 2, channels: 8)
        counts.add([0, 0], positives: 500, negatives: 1_000_000)
        for w in 1..<1_000 {
            counts.add([UInt64(w & 0xFF), UInt64(w >> 8)], positives: Int64(w % 3 == 0 ? 1 : 0), negatives: Int64(1 + w % 5))
        }
        let split = ExampleSplit(counts, fraction: 0.5, seed: 1)
        let sample = EvaluationSample(split, counts: counts, limit: 100, seed: 1)
        #expect(sample.windows.count == 100)
        let zero = (0..<sample.windows.count).first { sample.windows.window($0).allSatisfy { $0 == 0 } }
        #expect(zero != nil)
        let zeroWeight = sample.position.indices.filter { sample.position[$0] == zero }.map { sample.train[$0] + sample.validation[$0] }
            .reduce(0, +)
        #expect(zeroWeight == 1_000_500)
        let total = Double(counts.totalPositives + counts.totalNegatives)
        let sampled = sample.train.reduce(0, +) + sample.validation.reduce(0, +)
        #expect(abs(sampled / total - 1) < 0.01, "\(sampled) vs \(total)")
    }
}
