/// The one model a run leads with, and why. The data-driven removal model is
/// preferred: it is the only one that estimates what each channel adds. Without it,
/// the model that predicts held-out journeys best; without any such model, none
/// (rules and path games cannot be checked against data they were not fitted on).
public struct ModelRecommendation: Sendable, Equatable {
    public var model: String
    /// One sentence, for the terminal and the report.
    public var reason: String

    public init(model: String, reason: String) {
        self.model = model
        self.reason = reason
    }

    /// Below this held-out ROC AUC the best fit is called weak.
    static let weakFit = 0.6

    public static func choose(_ results: [ModelResult]) -> ModelRecommendation? {
        if results.contains(where: { $0.model == NeuralModel.removalName }) {
            return ModelRecommendation(
                model: NeuralModel.removalName,
                reason: "it estimates the conversions each channel adds, from a model of when users convert, "
                    + "replayed without that channel's touches")
        }
        let fitted = results.compactMap { r -> (String, Double)? in
            guard case .number(let auc)? = r.details.first(where: { $0.key == "holdout_roc_auc" })?.value else { return nil }
            return (r.model, auc)
        }
        guard let best = fitted.max(by: { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }) else { return nil }
        let others = fitted.filter { $0.0 != best.0 }
        var reason = "it predicts which held-out journeys convert best (ROC AUC \(Self.three(best.1))"
        if !others.isEmpty {
            reason += " against " + others.map { "\(Self.three($0.1)) for \($0.0)" }.joined(separator: ", ")
        }
        reason += ")"
        // Near 0.5 a fit tells converting journeys from null ones no better than a coin: say so.
        if best.1 < Self.weakFit { reason += ", though no model here predicts much better than chance (0.5)" }
        return ModelRecommendation(model: best.0, reason: reason)
    }

    private static func three(_ x: Double) -> String {
        let scaled = (x * 1000).rounded()
        let whole = Int(scaled) / 1000, frac = Int(abs(scaled)) % 1000
        return "\(whole)." + String(repeating: "0", count: 3 - String(frac).count) + String(frac)
    }
}
