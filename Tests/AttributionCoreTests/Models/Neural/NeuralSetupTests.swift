import Foundation
import Testing

@testable import AttributionCore

/// Layout, initialisation, construction and the Float activations.
@Suite struct NeuralSetupTests {
    /// Keras counts 2 · 4·w · (inputs + w + 1) for Bidirectional(LSTM(w)).
    @Test func layoutMatchesKerasParameterCounts() {
        let layout = ParameterLayout(shape: NetworkShape(days: 7, channels: 20))
        #expect(layout.count == 2 * 256 * (20 + 65) + 2 * 256 * (128 + 65) + (128 * 64 + 64) + 65)
        let groups = layout.groups
        #expect(groups.count == 2 * 2 * 3 + 4)
        #expect(groups.first?.range.lowerBound == 0 && groups.last?.range.upperBound == layout.count)
        for (a, b) in zip(groups, groups.dropFirst()) { #expect(a.range.upperBound == b.range.lowerBound) }
        #expect(layout.lstm[1][0].inputs == 128)
    }

    @Test func initialisationIsKerasLikeAndSeeded() {
        let shape = NetworkShape(days: 3, channels: 5, width: 6, layers: 2)
        let a = ConversionNetwork(shape: shape, seed: 1), b = ConversionNetwork(shape: shape, seed: 1)
        let c = ConversionNetwork(shape: shape, seed: 2)
        #expect(a.parameters == b.parameters && a.parameters != c.parameters)
        let w = shape.width
        for directions in a.layout.lstm {
            for weights in directions {
                let bias = Array(a.parameters[weights.bias])
                #expect(bias == (0..<(4 * w)).map { $0 >= w && $0 < 2 * w ? 1 : 0 })
                // Orthogonal rows: U · Uᵀ = I.
                let u = Array(a.parameters[weights.recurrentKernel])
                for i in 0..<w {
                    for j in 0..<w {
                        let dot = (0..<(4 * w)).reduce(Float(0)) { $0 + u[i * 4 * w + $1] * u[j * 4 * w + $1] }
                        #expect(abs(dot - (i == j ? 1 : 0)) < 1e-5)
                    }
                }
                let limit = Float((6.0 / Double(weights.inputs + 4 * w)).squareRoot())
                #expect(a.parameters[weights.kernel].allSatisfy { abs($0) <= limit })
            }
        }
        #expect(a.parameters[a.layout.outputBias] == [0])
    }

    @Test func wrongParameterCountThrows() {
        let shape = NetworkShape(days: 2, channels: 2, width: 2, layers: 1)
        let count = ParameterLayout(shape: shape).count
        #expect(throws: NetworkError.parameterCount(expected: count, got: count - 1)) {
            try ConversionNetwork(shape: shape, parameters: [Float](repeating: 0, count: count - 1))
        }
        #expect(throws: NetworkError.self) {
            try ConversionNetwork(shape: NetworkShape(days: 2, channels: 65), parameters: [])
        }
        #expect((try? ConversionNetwork(shape: shape, parameters: [Float](repeating: 0, count: count))) != nil)
    }

    @Test func windowBatchStoresCells() {
        var b = WindowBatch(days: 3, channels: 4)
        b.append(cells: [(day: 0, channel: 3), (day: 2, channel: 0), (day: 2, channel: 1)])
        b.append(dayMasks: [0, 0, 0])
        #expect(b.count == 2 && b.dayMasks == [8, 0, 3, 0, 0, 0])
        #expect(b.isActive(window: 0, day: 2, channel: 1) && !b.isActive(window: 0, day: 1, channel: 1))
        #expect(b.gathering([1, 0]).dayMasks == [0, 0, 0, 8, 0, 3])
    }

    /// The vectorised Float sigmoid/tanh of every kernel variant against Foundation in Double.
    @Test(arguments: FloatKernels.available.map(\.name))
    func fastActivationsAreAccurate(variant: String) {
        let kernels = FloatKernels.available.first { $0.name == variant }!
        let xs = (0...40_000).map { Float(-100 + Double($0) * 0.005) }
        var s = xs, t = xs
        s.withUnsafeMutableBufferPointer { kernels.sigmoid($0.baseAddress!, count: $0.count) }
        t.withUnsafeMutableBufferPointer { kernels.tanh($0.baseAddress!, count: $0.count) }
        var sigmoidError = 0.0, tanhError = 0.0
        for (k, x) in xs.enumerated() {
            let d = Double(x)
            let sig = 1 / (1 + Foundation.exp(-d))
            sigmoidError = max(sigmoidError, abs(Double(s[k]) - sig) / max(sig, 1e-30))
            tanhError = max(tanhError, abs(Double(t[k]) - Foundation.tanh(d)))
        }
        #expect(sigmoidError < 1e-6, "sigmoid relative error \(sigmoidError)")
        #expect(tanhError < 3e-7, "tanh absolute error \(tanhError)")
    }
}
