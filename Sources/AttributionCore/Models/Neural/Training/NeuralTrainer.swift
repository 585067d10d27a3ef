import Dispatch
import Foundation

/// Trains the conversion network on distinct windows (`mta train`): minibatches
/// drawn by example count (or one weighted pass over every distinct pair), weighted
/// binary cross-entropy, Adam; the same result for a seed on any number of cores.
public enum NeuralTrainer {
    /// Windows scored for the per-epoch metrics at most (a seeded sample above it,
    /// weights scaled so totals stay unbiased).
    public static let evaluationLimit = 200_000

    public static func train(
        _ counts: WindowCounts, options: TrainingOptions,
        onStep: (_ step: Int, _ of: Int) -> Void = { _, _ in },
        onEpoch: (EpochMetrics) -> Void = { _ in }
    ) -> TrainedModel {
        precondition(options.problem == nil, options.problem ?? "")
        let shape = NetworkShape(
            days: counts.days, channels: counts.channels, width: options.width,
            layers: options.layers, dropout: options.dropout)
        var network = ConversionNetwork(shape: shape, seed: options.seed)
        var adam = AdamOptimizer(parameterCount: network.parameters.count, learningRate: options.learningRate)
        let split = ExampleSplit(counts, fraction: options.validationFraction, seed: options.seed)
        let positives = split.total(split.train, label: 1), negatives = split.total(split.train, label: 0)
        // Positives' weight in a full pass when balanced: as many as the negatives.
        let positiveWeight = options.balance && positives > 0 ? negatives / positives : 1
        let shift = calibrationShift(positives: positives, negatives: negatives, options: options)
        let evaluation = EvaluationSample(split, counts: counts, limit: evaluationLimit, seed: options.seed)

        var rng = SeededGenerator(seed: options.seed, stream: 0xBA7C)
        let all = (0..<split.count).filter { split.train[$0] > 0 }.map { Int32($0) }
        func drawing(_ pairs: [Int32]) -> AliasSampler { AliasSampler(indices: pairs, weights: pairs.map { split.train[Int($0)] }) }
        let sampler = drawing(all)
        let positiveSampler = drawing(all.filter { split.label[Int($0)] == 1 })
        let negativeSampler = drawing(all.filter { split.label[Int($0)] == 0 })
        let stepsPerEpoch = options.stepsPerEpoch ?? max(1, (all.count + options.batchSize - 1) / options.batchSize)
        var step = 0
        var calibrated = shift
        // A full pass's batches differ in weight (one may hold the all-zero window, half of
        // all examples): each batch's mean loss is scaled by its weight over the mean
        // batch weight, so the pass's steps add up to the gradient of the whole weighted loss.
        let meanBatchWeight = all.reduce(0.0) { $0 + fullPassWeight($1) } / Double(stepsPerEpoch)
        func fullPassWeight(_ pair: Int32) -> Double {
            split.train[Int(pair)] * (split.label[Int(pair)] == 1 ? positiveWeight : 1)
        }
        for epoch in 1...options.epochs {
            let started = DispatchTime.now().uptimeNanoseconds
            var lossSum = 0.0
            // A full pass visits every pair once, in a seeded order.
            var order = all
            if options.stepsPerEpoch == nil { shuffle(&order, &rng) }
            for s in 0..<stepsPerEpoch {
                var pairs: [Int32] = []
                var weights: [Float] = []
                if options.stepsPerEpoch == nil {
                    let slice = order[(s * options.batchSize)..<min(order.count, (s + 1) * options.batchSize)]
                    pairs = Array(slice)
                    weights = pairs.map { Float(fullPassWeight($0)) }
                } else {
                    var drawn = [Int32]()
                    drawn.reserveCapacity(options.batchSize)
                    for k in 0..<options.batchSize {
                        let fromPositives = options.balance ? (k % 2 == 0) : false
                        let source =
                            !options.balance
                            ? sampler
                            : (fromPositives && !positiveSampler.isEmpty) || negativeSampler.isEmpty ? positiveSampler : negativeSampler
                        drawn.append(source.draw(&rng))
                    }
                    (pairs, weights) = runLengths(drawn)
                }
                var batch = counts.windows.gathering(pairs.map { Int(split.window[Int($0)]) })
                var labels = pairs.map { split.label[Int($0)] }
                if options.augmentLastDay {
                    batch = withEmptiedAnchorDay(batch)
                    labels += [Float](repeating: 0, count: pairs.count)
                    weights += weights
                }
                var (loss, gradient) = network.lossAndGradient(
                    batch, labels: labels, weights: weights,
                    dropoutSeed: options.dropout > 0 ? mix(options.seed, UInt64(step)) : nil)
                if options.stepsPerEpoch == nil {
                    let scale = weights.reduce(0.0) { $0 + Double($1) } / (options.augmentLastDay ? 2 : 1) / meanBatchWeight
                    loss *= scale
                    for k in gradient.indices { gradient[k] *= Float(scale) }
                }
                adam.step(&network.parameters, gradient: gradient)
                lossSum += loss
                step += 1
                onStep(step, stepsPerEpoch * options.epochs)
            }
            let (train, validation, fitted) = evaluation.metrics(network, startingShift: shift)
            calibrated = fitted
            onEpoch(
                EpochMetrics(
                    epoch: epoch, trainLoss: lossSum / Double(stepsPerEpoch), train: train,
                    validation: options.validationFraction > 0 ? validation : nil,
                    seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9))
        }
        return TrainedModel(network: network, calibrationShift: calibrated, options: options)
    }

    /// log(data odds / training odds): balancing trains at odds 1, the augmentation
    /// adds a negative for every example.
    static func calibrationShift(positives: Double, negatives: Double, options: TrainingOptions) -> Double {
        guard positives > 0, negatives > 0 else { return 0 }
        var trained = options.balance ? 0.5 : positives / (positives + negatives)
        if options.augmentLastDay { trained /= 2 }
        let dataOdds = positives / negatives, trainedOdds = trained / (1 - trained)
        return log(dataOdds / trainedOdds)
    }

    /// Sorted draws as distinct pairs with how often each was drawn.
    static func runLengths(_ drawn: [Int32]) -> ([Int32], [Float]) {
        var pairs: [Int32] = [], weights: [Float] = []
        for d in drawn.sorted() {
            if pairs.last == d { weights[weights.count - 1] += 1 } else { pairs.append(d); weights.append(1) }
        }
        return (pairs, weights)
    }

    /// The batch followed by a copy of it whose anchor (last) day is empty.
    static func withEmptiedAnchorDay(_ batch: WindowBatch) -> WindowBatch {
        var masks = batch.dayMasks
        for w in 0..<batch.count {
            var copy = Array(batch.window(w))
            copy[batch.days - 1] = 0
            masks += copy
        }
        return WindowBatch(days: batch.days, channels: batch.channels, dayMasks: masks)
    }

    static func shuffle(_ a: inout [Int32], _ rng: inout SeededGenerator) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
    }

    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a &+ 0x9E37_79B9_7F4A_7C15 &* (b &+ 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The windows scored for per-epoch metrics: all, or the heaviest half of the limit
/// (by example count) kept whole and a seeded sample of the rest with their counts
/// scaled up by the inverse sampling rate. Keeping the heavy windows matters: the
/// all-zero window alone can hold half of all examples, and a uniform sample that
/// took it (or missed it) would throw the calibration off.
struct EvaluationSample: Sendable {
    let windows: WindowBatch
    let labels: [Float]
    let train: [Double]
    let validation: [Double]
    /// Position of each pair's window in `windows`.
    let position: [Int]

    init(_ split: ExampleSplit, counts: WindowCounts, limit: Int, seed: UInt64) {
        var keep = [Int](repeating: -1, count: counts.count)
        var scale = [Double](repeating: 1, count: counts.count)
        var chosen: [Int] = Array(0..<counts.count)
        if counts.count > limit {
            let total = (0..<counts.count).map { counts.positives[$0] + counts.negatives[$0] }
            let byWeight = (0..<counts.count).sorted { total[$0] != total[$1] ? total[$0] > total[$1] : $0 < $1 }
            let heavy = byWeight.prefix(limit / 2)
            var rest = byWeight.dropFirst(limit / 2).map { Int32($0) }
            var rng = SeededGenerator(seed: seed, stream: 0xE7A1)
            NeuralTrainer.shuffle(&rest, &rng)
            let sampled = rest.prefix(limit - heavy.count).map(Int.init)
            let factor = Double(rest.count) / Double(max(1, sampled.count))
            for w in sampled { scale[w] = factor }
            chosen = (Array(heavy) + sampled).sorted()
        }
        for (k, w) in chosen.enumerated() { keep[w] = k }
        windows = counts.windows.gathering(chosen)
        var labels: [Float] = [], train: [Double] = [], validation: [Double] = [], position: [Int] = []
        for p in 0..<split.count where keep[Int(split.window[p])] >= 0 {
            let w = Int(split.window[p])
            labels.append(split.label[p])
            train.append(split.train[p] * scale[w])
            validation.append(split.validation[p] * scale[w])
            position.append(keep[w])
        }
        self.labels = labels
        self.train = train
        self.validation = validation
        self.position = position
    }

    /// Metrics of the calibrated network, and the calibration: the logit shift that
    /// makes the mean predicted probability over the training examples equal their
    /// base rate (started from the analytic shift, which it only refines).
    func metrics(_ network: ConversionNetwork, startingShift: Double)
        -> (train: ClassificationMetrics, validation: ClassificationMetrics, shift: Double)
    {
        let logits = network.logits(windows)
        let z = position.map { Double(logits[$0]) }
        let shift = Self.fittedShift(z, labels: labels, weights: train, start: startingShift)
        let p = z.map { 1 / (1 + exp(-($0 + shift))) }
        return (
            ClassificationMetrics(probabilities: p, labels: labels, weights: train),
            ClassificationMetrics(probabilities: p, labels: labels, weights: validation), shift
        )
    }

    /// Newton's method on Σ w σ(z + δ) − Σ w y, increasing in δ.
    static func fittedShift(_ z: [Double], labels: [Float], weights: [Double], start: Double) -> Double {
        var target = 0.0
        for k in z.indices where labels[k] == 1 { target += weights[k] }
        guard target > 0, target < weights.reduce(0, +) else { return start }
        var delta = start
        for _ in 0..<50 {
            var f = -target, slope = 0.0
            for k in z.indices where weights[k] > 0 {
                let p = 1 / (1 + exp(-(z[k] + delta)))
                f += weights[k] * p
                slope += weights[k] * p * (1 - p)
            }
            guard slope > 0 else { break }
            let step = max(-5, min(5, f / slope))
            delta -= step
            if abs(step) < 1e-12 { break }
        }
        return delta
    }
}
