import Foundation

/// Weighted mean log loss (binary cross-entropy, in nats). Row i stands for
/// `positive[i]` converting and `negative[i]` null journeys, each predicted to
/// convert with `probability[i]`. Probabilities are clipped to
/// [`logLossClip`, 1 − `logLossClip`], so a certain prediction that misses costs
/// about 34.5 rather than infinity. Nil when the rows hold no journey.
func weightedLogLoss(probability: [Double], positive: [Double], negative: [Double]) -> Double? {
    var loss = 0.0, journeys = 0.0
    for i in probability.indices where positive[i] + negative[i] > 0 {
        let p = min(max(probability[i], logLossClip), 1 - logLossClip)
        loss -= positive[i] * log(p) + negative[i] * log(1 - p)
        journeys += positive[i] + negative[i]
    }
    return journeys > 0 ? loss / journeys : nil
}

/// scikit-learn's long-standing clipping constant, so its `log_loss` agrees.
let logLossClip = 1e-15
