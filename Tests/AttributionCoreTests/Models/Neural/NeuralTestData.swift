@testable import AttributionCore

/// Random windows, labels and weights for the network tests.
enum NeuralTestData {
    /// `count` windows where each cell is touched with probability `density`.
    static func windows(_ shape: NetworkShape, count: Int, density: Double = 0.3, seed: UInt64) -> WindowBatch {
        var rng = SeededGenerator(seed: seed)
        var batch = WindowBatch(days: shape.days, channels: shape.channels)
        for _ in 0..<count {
            let window = (0..<shape.days).map { _ in
                (0..<shape.channels).reduce(UInt64(0)) { m, c in rng.nextUnit() < density ? m | 1 << UInt64(c) : m }
            }
            batch.append(dayMasks: window)
        }
        return batch
    }

    static func labels(count: Int, seed: UInt64) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in rng.nextUnit() < 0.4 ? 1 : 0 }
    }

    /// Whole-number weights, like counts of identical windows.
    static func weights(count: Int, seed: UInt64) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Float(1 + rng.next() % 4) }
    }

    /// Area under the ROC curve (ties count half).
    static func auc(scores: [Float], labels: [Float]) -> Double {
        var pairs = 0.0, wins = 0.0
        for i in scores.indices where labels[i] == 1 {
            for j in scores.indices where labels[j] == 0 {
                pairs += 1
                wins += scores[i] > scores[j] ? 1 : (scores[i] == scores[j] ? 0.5 : 0)
            }
        }
        return wins / pairs
    }
}
