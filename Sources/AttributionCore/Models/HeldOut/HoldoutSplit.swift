import Foundation

/// A seeded split of path rows into training and held-out journeys: one split
/// for every model scored on held-out journeys (Markov order selection, the
/// held-out fit), so all of them are judged on the same journeys.
///
/// A row stands for many journeys with one path, so journeys are split, not
/// rows: each of a row's whole conversions and nulls goes to training with
/// probability `trainFraction` (a binomial draw, normal-approximated above
/// `exactDrawLimit` journeys), and a fractional remainder goes whole to one
/// side. A path then usually appears on both sides, as it would when
/// splitting users.
///
/// Each row draws from its own generator, seeded by the seed and a hash of the
/// path's channel names (`PathHash`), so the split of a path does not depend on
/// the row order or the channel ids: the same journeys read from SQLite or CSV
/// are split alike.
struct HoldoutSplit: Sendable {
    var trainConversions: [Double]
    var trainNulls: [Double]
    var testConversions: [Double]
    var testNulls: [Double]

    static let exactDrawLimit = 1_000
    /// "MARKOV" in ASCII: keeps these draws apart from other uses of the seed.
    static let stream: UInt64 = 0x4D41_524B_4F56
    /// The share of journeys fitted on; the rest is held out.
    static let defaultTrainFraction = 0.8

    init(paths: PathTable, trainFraction: Double = HoldoutSplit.defaultTrainFraction, seed: UInt64) {
        trainConversions = []
        trainNulls = []
        trainConversions.reserveCapacity(paths.count)
        trainNulls.reserveCapacity(paths.count)
        for p in 0..<paths.count {
            var rng = SeededGenerator(seed: seed, stream: Self.stream ^ PathHash.fnv1a(paths.path(p), names: paths.channels))
            trainConversions.append(Self.trainingPart(of: paths.conversions[p], fraction: trainFraction, rng: &rng))
            trainNulls.append(Self.trainingPart(of: paths.nulls[p], fraction: trainFraction, rng: &rng))
        }
        testConversions = zip(paths.conversions, trainConversions).map { $0 - $1 }
        testNulls = zip(paths.nulls, trainNulls).map { $0 - $1 }
    }

    static func trainingPart(of count: Double, fraction p: Double, rng: inout SeededGenerator) -> Double {
        guard count > 0, count.isFinite else { return 0 }
        let whole = count.rounded(.down)
        var train = 0.0
        if whole <= Double(exactDrawLimit) {
            for _ in 0..<Int(whole) where rng.nextUnit() < p { train += 1 }
        } else {
            // Box–Muller; clamped and rounded so the parts stay whole journeys.
            let u1 = max(rng.nextUnit(), .leastNonzeroMagnitude), u2 = rng.nextUnit()
            let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            let mean = whole * p, sd = (whole * p * (1 - p)).squareRoot()
            train = min(whole, max(0, (mean + sd * z).rounded()))
        }
        if count > whole, rng.nextUnit() < p { train += count - whole }
        return train
    }
}
