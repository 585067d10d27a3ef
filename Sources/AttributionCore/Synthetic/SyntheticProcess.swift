import Foundation

/// The fixed parameters of the day-by-day process, derived once from a `Config`
/// and shared read-only by every user and every core.
///
/// Exposure: a user is in market from a first-touch day for 1 + Geometric days
/// (mean `inMarketDays`, 7 by default). That day brings one touch; every in-market day
/// (the first included) brings Poisson(Λ) more, each on channel c with
/// probability λ_c / Λ. λ_c = `touchesPerDay` × activity × reachShare_c × taste_c ×
/// intent_c: activity and taste are per-user log-normal draws with mean 1 (some
/// users are busier, some prefer a channel, so journeys repeat channels);
/// intent_c = exp(X·a·z − (X·a)²/2) on the confounded channels (a = `intentOnExposure`),
/// whose mean is 1, so confounding moves exposure between users without changing
/// its average.
/// With these constants a user sees about 8 touches over about a week.
///
/// Conversion: from the first-touch day to the last day of the data (`horizon`,
/// the same for everyone, so "never converted" means the same thing), each day d
/// the user (until converted) converts with hazard
///   h_d = sigmoid(base + Σ_c effect_c · (1 − e^(−adstock_c(d))) + X·b·z)  (b = `intentOnHazard`),
///   adstock_c(d) = Σ over the user's touches on c on days ≤ d of decay^(d − touch day).
/// The transform 1 − e^(−x) saturates: `effect_c` is the log-odds lift of a
/// channel the user has seen a lot of lately; one touch today gives 63 % of it.
struct SyntheticProcess: Sendable {
    /// Log-normal spreads of a user's overall activity and of their taste per channel.
    static let activitySpread = 0.6
    static let tasteSpread = 0.8
    /// Confounding loadings: exposure multiplier exp(X·a·z), hazard logit + X·b·z.
    static let intentOnExposure = 0.5
    static let intentOnHazard = 0.7
    /// Touches fall in [0, lastTouchSecond) of their day, so a conversion after the
    /// day's last touch still fits within the day.
    static let lastTouchSecond = 86_000
    /// Users lose interest once they have bought: each touch after the conversion day
    /// is kept with this probability. No hazard ever sees those touches.
    static let keptAfterConversion = 0.3

    let names: [String]
    let effects: [Double]
    let inMarketDays: Double
    let touchesPerDay: Double
    /// reach_c / Σ reach.
    let reachShare: [Double]
    let confounded: [Bool]
    let base: Double
    let confounding: Double
    let days: Int
    /// The data ends before this day (days + tail): everyone is at risk until then.
    let horizon: Int
    /// decay^k for k in 0..<horizon, so adstock needs no pow.
    let decayPowers: [Double]
    let start: Int64

    init(_ config: SyntheticTouchpoints.Config) {
        let catalogue = SyntheticTouchpoints.catalogue
        let channels = config.customChannels.map { ArraySlice($0) } ?? catalogue.prefix(config.channels)
        precondition(
            config.customChannels != nil || (1...catalogue.count).contains(config.channels), "channels must be 1...\(catalogue.count)")
        precondition(!channels.isEmpty && channels.allSatisfy { $0.reach > 0 && $0.reach.isFinite }, "channels need a positive reach")
        precondition(config.inMarketDays >= 1 && config.touchesPerDay >= 0, "inMarketDays ≥ 1, touchesPerDay ≥ 0")
        precondition(config.days >= 1 && config.tailDays >= 0, "days ≥ 1, tailDays ≥ 0")
        precondition(config.decay >= 0 && config.decay < 1, "decay must be in [0, 1)")
        precondition(config.confounding >= 0 && config.confounding.isFinite, "confounding must be ≥ 0")
        precondition(config.baseLogit.isFinite, "baseLogit must be finite")
        if let e = config.effects {
            precondition(e.count == channels.count && e.allSatisfy(\.isFinite), "one finite effect per channel")
        }
        names = channels.map(\.name)
        inMarketDays = config.inMarketDays
        touchesPerDay = config.touchesPerDay
        effects = config.effects ?? channels.map(\.effect)
        let totalReach = channels.reduce(0) { $0 + $1.reach }
        reachShare = channels.map { $0.reach / totalReach }
        confounded = channels.map(\.confounded)
        base = config.baseLogit
        confounding = config.confounding
        days = config.days
        horizon = config.days + config.tailDays
        var powers = [Double](repeating: 1, count: horizon)
        for k in powers.indices.dropFirst() { powers[k] = powers[k - 1] * config.decay }
        decayPowers = powers
        start = config.start
    }

    var channelCount: Int { effects.count }

    /// Each channel's term effect_c · (1 − e^(−adstock_c(day))) from the user's
    /// touches (sorted by day); 0 for a channel with no adstock. A channel's term
    /// depends on its own touches only, so leaving it out of the sum is the same as
    /// re-simulating without its touches.
    func terms(on day: Int32, touches: [SyntheticTouch], adstock: inout [Double], into terms: inout [Double]) {
        for c in adstock.indices { adstock[c] = 0 }
        for t in touches {
            if t.day > day { break }
            adstock[Int(t.channel)] += decayPowers[Int(day - t.day)]
        }
        for c in adstock.indices { terms[c] = adstock[c] > 0 ? effects[c] * (1 - exp(-adstock[c])) : 0 }
    }

    /// The hazard logit from `terms` with `removed`'s left out. Terms are added in
    /// channel order, so removing a channel with effect 0 changes nothing, bit for bit.
    func logit(_ terms: [Double], intent z: Double, removing removed: Int32?) -> Double {
        let skip = removed.map(Int.init) ?? -1
        var x = base
        for c in terms.indices where c != skip { x += terms[c] }
        return x + confounding * Self.intentOnHazard * z
    }

    /// A logit no day can exceed, whatever is removed, given each channel's peak
    /// adstock: removing only drops terms, and s is increasing.
    func logitBound(peaks: [Double], intent z: Double) -> Double {
        var x = base
        for c in peaks.indices where peaks[c] > 0 && effects[c] > 0 { x += effects[c] * (1 - exp(-peaks[c])) }
        return x + confounding * Self.intentOnHazard * z
    }

    /// Daily exposure rates λ_c for one user (see the type's comment).
    func rates(activity: Double, taste: [Double], intent z: Double, into rates: inout [Double]) {
        let a = confounding * Self.intentOnExposure
        let intent = exp(a * z - a * a / 2)
        for c in rates.indices {
            rates[c] = touchesPerDay * activity * reachShare[c] * taste[c] * (confounded[c] ? intent : 1)
        }
    }
}

extension SyntheticProcess {
    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// Standard normal (Box–Muller); 1 − u keeps the log finite.
    static func normal(_ rng: inout SeededGenerator) -> Double {
        (-2 * log(1 - rng.nextUnit())).squareRoot() * cos(2 * .pi * rng.nextUnit())
    }

    /// Poisson(mean) by multiplying uniforms, in pieces of at most 16 so e^(−mean)
    /// never underflows for a heavy user.
    static func poisson(_ mean: Double, _ rng: inout SeededGenerator) -> Int {
        var n = 0, rest = mean
        while rest > 0 {
            let piece = min(rest, 16)
            rest -= piece
            let limit = exp(-piece)
            var p = rng.nextUnit()
            while p > limit {
                n += 1
                p *= rng.nextUnit()
            }
        }
        return n
    }
}
