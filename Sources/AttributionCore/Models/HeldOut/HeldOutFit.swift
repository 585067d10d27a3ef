import Foundation

/// How well a model fitted on the training part of a `HoldoutSplit` predicts the
/// held-out journeys: weighted ROC AUC and log loss of its P(conversion) per path.
/// It measures fit to the observed journeys, not whether the credit is causally right.
struct HeldOutFit: Sendable, Equatable {
    /// Nil when the held-out journeys lack conversions or nulls.
    var rocAUC: Double?
    /// Nil when nothing was held out.
    var logLoss: Double?
    /// Held-out journeys scored (whole journeys unless the counts were fractional).
    var journeys: Double
    var seed: UInt64

    /// Scores `probability[p]` (one per path row) against row p's held-out counts.
    init(probability: [Double], split: HoldoutSplit, seed: UInt64) {
        var score: [Double] = [], positive: [Double] = [], negative: [Double] = []
        for p in probability.indices where split.testConversions[p] + split.testNulls[p] > 0 {
            score.append(probability[p])
            positive.append(split.testConversions[p])
            negative.append(split.testNulls[p])
        }
        rocAUC = weightedROCAUC(score: score, positive: positive, negative: negative)
        logLoss = weightedLogLoss(probability: score, positive: positive, negative: negative)
        journeys = positive.reduce(0, +) + negative.reduce(0, +)
        self.seed = seed
    }

    /// The keys every predicting model reports (the neural model's too).
    var details: [(key: String, value: DetailValue)] {
        var out: [(key: String, value: DetailValue)] = []
        if let rocAUC { out.append(("holdout_roc_auc", .number(rocAUC))) }
        if let logLoss { out.append(("holdout_log_loss", .number(logLoss))) }
        out.append(("holdout_journeys", .number(journeys)))
        return out
    }

    /// "ROC AUC 0.6123, log loss 0.21234", n/a where undefined.
    var summary: String {
        let auc = rocAUC.map { String(format: "%.4f", $0) } ?? "n/a"
        let loss = logLoss.map { String(format: "%.5f", $0) } ?? "n/a"
        return "ROC AUC \(auc), log loss \(loss)"
    }

    var message: String {
        let held = Int(((1 - HoldoutSplit.defaultTrainFraction) * 100).rounded())
        return "held-out fit (\(held) % of the journeys, \(formatJourneys(journeys)), seed \(seed)): \(summary)"
    }

    private func formatJourneys(_ x: Double) -> String {
        x == x.rounded() && x < 1e15 ? "\(Int64(x)) journeys" : String(format: "%.1f journeys", x)
    }
}
