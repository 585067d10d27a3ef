import Foundation

/// Weighted classification metrics over distinct examples (a weight is how many
/// identical examples a row stands for).
public struct ClassificationMetrics: Sendable, Equatable {
    /// Mean binary cross-entropy.
    public var logLoss: Double
    /// √ mean (y − p)².
    public var rmse: Double
    /// Area under the ROC curve; ties count one half.
    public var rocAUC: Double
    public var meanPrediction: Double
    public var baseRate: Double

    public init(probabilities p: [Double], labels y: [Float], weights w: [Double]) {
        var loss = 0.0, squares = 0.0, total = 0.0, mean = 0.0, positives = 0.0
        for k in p.indices where w[k] > 0 {
            let q = min(max(p[k], 1e-12), 1 - 1e-12)
            loss -= w[k] * (y[k] == 1 ? log(q) : log(1 - q))
            squares += w[k] * (Double(y[k]) - p[k]) * (Double(y[k]) - p[k])
            total += w[k]
            mean += w[k] * p[k]
            if y[k] == 1 { positives += w[k] }
        }
        logLoss = total > 0 ? loss / total : .nan
        rmse = total > 0 ? (squares / total).squareRoot() : .nan
        meanPrediction = total > 0 ? mean / total : .nan
        baseRate = total > 0 ? positives / total : .nan
        rocAUC = Self.auc(p, y, w)
    }

    /// P(score of a positive > score of a negative) + ½ P(equal), by one sort.
    static func auc(_ p: [Double], _ y: [Float], _ w: [Double]) -> Double {
        let order = p.indices.filter { w[$0] > 0 }.sorted { p[$0] < p[$1] }
        var below = 0.0, sum = 0.0, positives = 0.0, negatives = 0.0
        var i = 0
        while i < order.count {
            var j = i, pos = 0.0, neg = 0.0
            while j < order.count && p[order[j]] == p[order[i]] {
                if y[order[j]] == 1 { pos += w[order[j]] } else { neg += w[order[j]] }
                j += 1
            }
            sum += pos * (below + neg / 2)
            below += neg
            positives += pos
            negatives += neg
            i = j
        }
        return positives > 0 && negatives > 0 ? sum / (positives * negatives) : .nan
    }
}
