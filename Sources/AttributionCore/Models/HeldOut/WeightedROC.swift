/// Weighted ROC AUC: the probability that a random converting journey scores
/// above a random null journey, a tie counting one half. Row i stands for
/// `positive[i]` converting and `negative[i]` null journeys with score `score[i]`.
/// Nil when either class is empty.
func weightedROCAUC(score: [Double], positive: [Double], negative: [Double]) -> Double? {
    let totalPositive = positive.reduce(0, +), totalNegative = negative.reduce(0, +)
    guard totalPositive > 0, totalNegative > 0 else { return nil }
    let order = score.indices.sorted { score[$0] < score[$1] }
    var area = 0.0
    var negativesBelow = 0.0
    var i = 0
    while i < order.count {
        // One group of equal scores: its pairs with each other count one half.
        var groupPositive = 0.0, groupNegative = 0.0
        let s = score[order[i]]
        while i < order.count, score[order[i]] == s {
            groupPositive += positive[order[i]]
            groupNegative += negative[order[i]]
            i += 1
        }
        area += groupPositive * (negativesBelow + 0.5 * groupNegative)
        negativesBelow += groupNegative
    }
    return area / (totalPositive * totalNegative)
}
