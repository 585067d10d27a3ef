import Foundation
import Testing

@testable import AttributionCore

/// One channel, width 1, one bidirectional layer, two days: small enough to follow every gate by hand.
@Suite struct NeuralHandWorkedTests {
    static func sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }

    static let shape = NetworkShape(days: 2, channels: 1, width: 1, layers: 1, dropout: 0.5)

    /// Layout for width 1, 1 input: forward W(4) U(4) b(4), backward W U b, dense kernel (2), dense bias,
    /// output kernel, output bias: 29 numbers. Gate order i, f, c̃, o.
    static let parameters: [Double] = [
        0.5, -0.5, 1.0, 0.25,  // forward W
        0.3, 0.2, -0.4, 0.1,  // forward U
        0, 1, 0, 0,  // forward b (forget bias 1)
        1.0, 0.0, -1.0, 0.5,  // backward W
        0.2, 0.1, 0.3, -0.2,  // backward U
        0, 1, 0, 0,  // backward b
        0.7, -0.3,  // dense kernel [2 × 1]: forward h, backward h
        0.1,  // dense bias
        1.5,  // output kernel
        -0.2,  // output bias
    ]

    /// The window: channel touched on day 0 (oldest), not on day 1 (anchor).
    static var window: WindowBatch {
        var b = WindowBatch(days: 2, channels: 1)
        b.append(dayMasks: [1, 0])
        return b
    }

    static func byHand() -> Double {
        // Forward direction, day 0, x = 1, h₋ = 0: z = W + b = (0.5, 0.5, 1.0, 0.25).
        let i0 = sigmoid(0.5), f0 = sigmoid(0.5), g0 = Foundation.tanh(1.0), o0 = sigmoid(0.25)
        _ = f0  // c₋ = 0, so f does not matter on the first step
        let c0 = i0 * g0  // 0.62246 · 0.76159 = 0.47406
        let h0 = o0 * Foundation.tanh(c0)  // 0.56218 · 0.44147 = 0.24819
        // Forward direction, day 1, x = 0: z = b + h0 · U = (0.3 h0, 1 + 0.2 h0, −0.4 h0, 0.1 h0).
        let i1 = sigmoid(0.3 * h0), f1 = sigmoid(1 + 0.2 * h0), g1 = Foundation.tanh(-0.4 * h0), o1 = sigmoid(0.1 * h0)
        let c1 = f1 * c0 + i1 * g1
        let hForward = o1 * Foundation.tanh(c1)
        // Backward direction reads day 1 first: x = 0, h₋ = 0 → z = b = (0, 1, 0, 0), c̃ = tanh 0 = 0,
        // so c = 0 and h = 0 — the recurrent term on day 0 then vanishes.
        // Day 0: x = 1: z = W + b = (1, 1, −1, 0.5).
        let cb = sigmoid(1) * Foundation.tanh(-1.0)  // 0.73106 · −0.76159 = −0.55677
        let hBackward = sigmoid(0.5) * Foundation.tanh(cb)  // 0.62246 · −0.50558 = −0.31470
        // Dense ReLU and output.
        let a = max(0, 0.7 * hForward - 0.3 * hBackward + 0.1)  // 0.7 · 0.14738 + 0.3 · 0.31470 + 0.1 = 0.29758
        let logit = 1.5 * a - 0.2  // 0.24637
        return sigmoid(logit)
    }

    @Test func forwardMatchesTheHandComputation() throws {
        let expected = Self.byHand()
        // Intermediate figures from the comments, to keep them honest.
        #expect(abs(Self.sigmoid(0.5) * Foundation.tanh(1.0) - 0.47406) < 1e-5)
        #expect(abs(expected - 0.56128) < 1e-5)  // σ(0.24637)
        let logitDouble = NetworkEvaluation.logits(shape: Self.shape, parameters: Self.parameters, batch: Self.window)[0]
        #expect(abs(Self.sigmoid(logitDouble) - expected) < 1e-14)
        let net = try ConversionNetwork(shape: Self.shape, parameters: Self.parameters.map { Float($0) })
        #expect(abs(Double(net.predict(Self.window)[0]) - expected) < 1e-6)
    }

    /// The loss of one window is BCE of the hand-computed probability.
    @Test func lossIsBinaryCrossEntropy() throws {
        let p = Self.byHand()
        let r1 = NetworkEvaluation.lossAndGradient(
            shape: Self.shape, parameters: Self.parameters, batch: Self.window,
            labels: [1], weights: [3], dropoutSeed: nil)
        #expect(abs(r1.loss - -Foundation.log(p)) < 1e-12)
        let r0 = NetworkEvaluation.lossAndGradient(
            shape: Self.shape, parameters: Self.parameters, batch: Self.window,
            labels: [0], weights: [0.5], dropoutSeed: nil)
        #expect(abs(r0.loss - -Foundation.log(1 - p)) < 1e-12)
        // Output bias gradient of mean BCE is p − y.
        let layout = ParameterLayout(shape: Self.shape)
        #expect(abs(r1.gradient[layout.outputBias.lowerBound] - (p - 1)) < 1e-12)
        #expect(layout.count == 29)
    }

    /// Weights: two windows with weights 1 and 3 give the same loss as the windows repeated that often.
    @Test func weightsCountRepeatedWindows() {
        let shape = NetworkShape(days: 3, channels: 2, width: 3, layers: 1, dropout: 0)
        let parameters = ConversionNetwork(shape: shape, seed: 5).parameters.map { Double($0) }
        var two = WindowBatch(days: 3, channels: 2)
        two.append(dayMasks: [1, 0, 2])
        two.append(dayMasks: [0, 3, 0])
        let weighted = NetworkEvaluation.lossAndGradient(
            shape: shape, parameters: parameters, batch: two,
            labels: [1, 0], weights: [1, 3], dropoutSeed: nil)
        let repeated = NetworkEvaluation.lossAndGradient(
            shape: shape, parameters: parameters,
            batch: two.gathering([0, 1, 1, 1]), labels: [1, 0, 0, 0],
            weights: [1, 1, 1, 1], dropoutSeed: nil)
        #expect(abs(weighted.loss - repeated.loss) < 1e-14)
        for k in weighted.gradient.indices { #expect(abs(weighted.gradient[k] - repeated.gradient[k]) < 1e-14) }
    }

    /// BCE from the logit stays finite where σ saturates.
    @Test func lossIsFiniteForHugeLogits() throws {
        var p = Self.parameters
        p[28] = 200  // output bias: logit ≈ 200, σ = 1 in Double
        let r = NetworkEvaluation.lossAndGradient(
            shape: Self.shape, parameters: p, batch: Self.window,
            labels: [0], weights: [1], dropoutSeed: nil)
        #expect(r.loss.isFinite && r.loss > 199)
        #expect(r.gradient.allSatisfy { $0.isFinite })
    }
}
