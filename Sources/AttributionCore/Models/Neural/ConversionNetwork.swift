import Foundation

/// td-mta's conversion model: P(conversion | window) from stacked bidirectional LSTMs over the days of
/// a window, a dense ReLU layer and a sigmoid output (see `Neural.swift` for the whole design).
public struct ConversionNetwork: Sendable {
    public let shape: NetworkShape
    public let layout: ParameterLayout
    /// Every weight in one flat array, in `layout`'s order.
    public var parameters: [Float]

    /// Keras's default initialisation, deterministic in `seed`.
    public init(shape: NetworkShape, seed: UInt64) {
        if let problem = shape.problem { preconditionFailure("invalid network shape: \(problem)") }
        self.shape = shape
        layout = ParameterLayout(shape: shape)
        parameters = ParameterInitializer.parameters(shape: shape, seed: seed)
    }

    /// A network with given weights (e.g. a saved model), which must number exactly `layout.count`.
    public init(shape: NetworkShape, parameters: [Float]) throws {
        if let problem = shape.problem { throw NetworkError.invalidShape(problem) }
        let layout = ParameterLayout(shape: shape)
        guard parameters.count == layout.count else {
            throw NetworkError.parameterCount(expected: layout.count, got: parameters.count)
        }
        self.shape = shape
        self.layout = layout
        self.parameters = parameters
    }

    /// Conversion probabilities of every window, without dropout; both cores, and the same numbers
    /// whatever their count.
    public func predict(_ windows: WindowBatch) -> [Float] {
        logits(windows).map { z in 1 / (1 + exp(-z)) }
    }

    /// Logits (log-odds) of every window, without dropout.
    public func logits(_ windows: WindowBatch) -> [Float] {
        logits(windows, threads: nil)
    }

    /// Mean weighted binary cross-entropy Σ wᵢ · BCE(yᵢ, pᵢ) / Σ wᵢ over the batch and its gradient with
    /// respect to `parameters`. Dropout masks are drawn from `dropoutSeed` (window i of the batch uses
    /// stream i); pass nil to train without dropout. Bit-for-bit repeatable for the same arguments.
    public func lossAndGradient(
        _ batch: WindowBatch, labels: [Float], weights: [Float],
        dropoutSeed: UInt64?
    ) -> (loss: Double, gradient: [Float]) {
        lossAndGradient(batch, labels: labels, weights: weights, dropoutSeed: dropoutSeed, threads: nil)
    }

    // Internal knobs: the thread count (to prove it does not change results).

    func logits(_ windows: WindowBatch, threads: Int?) -> [Float] {
        checkBatch(windows)
        return NetworkEvaluation.logits(shape: shape, parameters: parameters, batch: windows, threads: threads)
    }

    func lossAndGradient(
        _ batch: WindowBatch, labels: [Float], weights: [Float], dropoutSeed: UInt64?,
        threads: Int?
    ) -> (loss: Double, gradient: [Float]) {
        checkBatch(batch)
        return NetworkEvaluation.lossAndGradient(
            shape: shape, parameters: parameters, batch: batch, labels: labels,
            weights: weights, dropoutSeed: dropoutSeed, threads: threads)
    }

    private func checkBatch(_ batch: WindowBatch) {
        precondition(
            batch.days == shape.days && batch.channels == shape.channels,
            "windows of \(batch.days) days × \(batch.channels) channels for a network of \(shape.days) × \(shape.channels)")
    }
}
