import Foundation
import Testing

@testable import AttributionCore

/// Throughput at the production shape. Runs only with MTA_NEURAL_BENCH=1, and asserts nothing about time:
/// `MTA_NEURAL_BENCH=1 swift test -c release --scratch-path /tmp/neural-rel --filter NeuralBench`
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["MTA_NEURAL_BENCH"] == "1", "set MTA_NEURAL_BENCH=1"))
struct NeuralBenchTests {
    static func measure(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The 1-minute load average: the benchmark shares the machine with whatever else runs.
    static func load() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").first.map(String.init) ?? "?"
    }

    @Test(arguments: [20, 12])
    func throughput(channels: Int) {
        let shape = NetworkShape(days: 7, channels: channels, width: 64, layers: 2, dropout: 0.5)
        let net = ConversionNetwork(shape: shape, seed: 1)
        let batchSize = 1000, rounds = 10
        let batch = NeuralTestData.windows(shape, count: batchSize, density: 0.15, seed: 2)
        let labels = NeuralTestData.labels(count: batchSize, seed: 3), weights = NeuralTestData.weights(count: batchSize, seed: 4)
        _ = net.lossAndGradient(batch, labels: labels, weights: weights, dropoutSeed: 0)
        print("neural kernels: \(FloatKernels.best.name)")
        for threads in [1, 2] {
            var sink = 0.0
            let train = Self.measure {
                for r in 0..<rounds {
                    sink += net.lossAndGradient(batch, labels: labels, weights: weights, dropoutSeed: UInt64(r), threads: threads).loss
                }
            }
            let big = NeuralTestData.windows(shape, count: 20_000, density: 0.15, seed: 5)
            let predict = Self.measure { sink += Double(net.logits(big, threads: threads).reduce(0, +)) }
            print(
                String(
                    format: "neural bench channels %d threads %d: forward+backward %.0f windows/s (batch %d), predict %.0f windows/s",
                    channels, threads, Double(batchSize * rounds) / train, batchSize, 20_000 / predict)
                    + "; load \(Self.load()) [\(sink)]")
        }
    }
}
