import Foundation
import Testing

@testable import AttributionCore

/// Held-out fit worked by hand on tiny path tables, with the split forced.
@Suite struct HeldOutFitTests {
    /// Paths written `a>b`; every row's counts as (train conversions, train nulls, test conversions, test nulls).
    static func forced(_ rows: [(String, Double, Double, Double, Double)], channels: [String] = [])
        -> (PathTable, HoldoutSplit)
    {
        var index = ChannelIndex()
        for name in channels { _ = index.id(for: name) }
        let steps = rows.map { $0.0.split(separator: ">").map { index.id(for: String($0)) } }
        var builder = PathTableBuilder(channels: index)
        for (path, row) in zip(steps, rows) { builder.add(path[...], conversions: row.1 + row.3, value: 0, nulls: row.2 + row.4) }
        let paths = builder.table
        var split = HoldoutSplit(paths: paths, seed: 0)
        split.trainConversions = rows.map { $0.1 }
        split.trainNulls = rows.map { $0.2 }
        split.testConversions = rows.map { $0.3 }
        split.testNulls = rows.map { $0.4 }
        return (paths, split)
    }

    @Test func markovOrderTwoOnAForcedSplit() throws {
        // Training: a>b 2 of 4 convert, c>b 1 of 4, b 0 of 4. Order 2 predicts a>b ½, c>b ¼,
        // b 0 (its whole-path state); d>b is unseen and backs off to order 1's b: 3 of 12 = ¼.
        let (paths, split) = Self.forced([("a>b", 2, 2, 1, 0), ("c>b", 1, 3, 0, 1), ("b", 0, 4, 0, 1), ("d>b", 0, 0, 1, 1)])
        let p = try MarkovModel(order: 2).conversionProbabilities(
            paths: paths, conversions: split.trainConversions,
            nulls: split.trainNulls)
        #expect(p == [0.5, 0.25, 0, 0.25])
        let fit = HeldOutFit(probability: p, split: split, seed: 0)
        // Positives ½ (a>b), ¼ (d>b); negatives ¼ (c>b), 0 (b), ¼ (d>b).
        // ½ beats all three; ¼ beats 0 and ties twice: (3 + 1 + ½ + ½) / (2·3).
        #expect(close(fit.rocAUC!, 5.0 / 6))
        // −(ln ½ + ln ¼ + ln ¾ + ln(1 − 0, clipped) + ln ¾) / 5.
        #expect(close(fit.logLoss!, -(log(0.5) + log(0.25) + 2 * log(0.75)) / 5, 1e-12))
        #expect(fit.journeys == 5)
        #expect(fit.details.map(\.key) == ["holdout_roc_auc", "holdout_log_loss", "holdout_journeys"])
    }

    @Test func shapleyRateOnAForcedSplit() throws {
        // Training: {a,b} from a>b (1 of 2) and b>a>b (1 of 1): 2 of 3; {a}: 0 of 2;
        // {c} has no training journey: the base rate 2 of 5.
        let (paths, split) = Self.forced([("a>b", 1, 1, 1, 0), ("b>a>b", 1, 0, 0, 1), ("a", 0, 2, 0, 1), ("c", 0, 0, 1, 1)])
        let p = try ConversionRateShapley().conversionProbabilities(
            paths: paths, conversions: split.trainConversions,
            nulls: split.trainNulls)
        let expected: [Double] = [2.0 / 3, 2.0 / 3, 0, 0.4]
        #expect(p == expected)
        let fit = HeldOutFit(probability: p, split: split, seed: 0)
        // Positives ⅔ (a>b), 0.4 (c); negatives ⅔ (b>a>b), 0 (a), 0.4 (c).
        // ⅔: tie, win, win = 2.5; 0.4: loss, win, tie = 1.5 → 4 / 6.
        #expect(close(fit.rocAUC!, 4.0 / 6))
        #expect(close(fit.logLoss!, -(log(2.0 / 3) + log(1.0 / 3) + log(1 - 1e-15) + log(0.4) + log(0.6)) / 5, 1e-12))
    }

    @Test func withoutBothOutcomesHeldOutThereIsNoAUC() {
        let (_, split) = Self.forced([("a", 1, 1, 2, 0), ("b", 0, 1, 1, 0)])
        let fit = HeldOutFit(probability: [0.5, 0.1], split: split, seed: 0)
        #expect(fit.rocAUC == nil)
        #expect(fit.details.map(\.key) == ["holdout_log_loss", "holdout_journeys"])
        #expect(fit.message.contains("ROC AUC n/a"))
    }
}
