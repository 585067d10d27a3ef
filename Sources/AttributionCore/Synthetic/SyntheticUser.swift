import Foundation

/// One touch: its day (0 = the day of `Config.start`), second within that day, channel.
struct SyntheticTouch: Sendable, Equatable {
    var day: Int32
    var second: Int32
    var channel: Int32
    /// Whether the touch is written when it falls after the conversion day.
    var keptAfterConversion = true
}

/// One user's draws, made once and then replayed under every removal: the same
/// touches and the same per-day uniforms in each scenario (common random
/// numbers), so a difference in outcome is the removed channel's doing alone.
/// Buffers are reused from user to user; nothing per user-day is kept.
struct SyntheticUser {
    /// Sorted by day, then second.
    var touches: [SyntheticTouch] = []
    /// The days whose uniform U_d is below a bound on every scenario's hazard,
    /// with U_d: on all other days nobody converts, whatever is removed.
    var candidates: [(day: Int32, u: Double)] = []
    var intent = 0.0
    var present: [Bool]
    var revenueCents: Int64 = 0
    /// After `evaluate(removals: true)`: the conversion day with channel c's touches removed.
    private(set) var without: [Int32?]
    /// Uniforms that place a conversion within its day.
    var delayDraw = 0.0, timeDraw = 0.0
    private var taste: [Double]
    private var rates: [Double]
    private var adstock: [Double]
    private var terms: [Double]
    private var lastDay: [Int32]
    private var open: [Int32] = []

    init(channels: Int) {
        present = Array(repeating: false, count: channels)
        without = Array(repeating: nil, count: channels)
        taste = Array(repeating: 0, count: channels)
        rates = taste
        adstock = taste
        terms = taste
        lastDay = Array(repeating: 0, count: channels)
    }

    /// Draws the user's exposure, revenue and uniforms. Exposure never looks at
    /// the outcome, which is what lets a removal leave the other touches as they were.
    mutating func draw(_ p: SyntheticProcess, _ rng: inout SeededGenerator) {
        intent = SyntheticProcess.normal(&rng)
        let sa = SyntheticProcess.activitySpread, st = SyntheticProcess.tasteSpread
        let activity = exp(sa * SyntheticProcess.normal(&rng) - sa * sa / 2)
        for c in taste.indices { taste[c] = exp(st * SyntheticProcess.normal(&rng) - st * st / 2) }
        p.rates(activity: activity, taste: taste, intent: intent, into: &rates)
        let total = rates.reduce(0, +)

        let first = min(Int32(rng.nextUnit() * Double(p.days)), Int32(p.days - 1))
        var end = first + 1
        let stay = 1 - 1 / p.inMarketDays
        while end < p.horizon && rng.nextUnit() < stay { end += 1 }
        touches.removeAll(keepingCapacity: true)
        for day in first..<end {
            let n = SyntheticProcess.poisson(total, &rng) + (day == first ? 1 : 0)
            for _ in 0..<n {
                let c = pick(rng.nextUnit() * total)
                let second = Int32(rng.nextUnit() * Double(SyntheticProcess.lastTouchSecond))
                let kept = rng.nextUnit() < SyntheticProcess.keptAfterConversion
                touches.append(SyntheticTouch(day: day, second: second, channel: c, keptAfterConversion: kept))
                // Keep the day's touches in time order (there are few).
                var k = touches.count - 1
                while k > 0 && touches[k - 1].day == day && touches[k - 1].second > second {
                    touches.swapAt(k - 1, k)
                    k -= 1
                }
            }
        }
        for c in present.indices { present[c] = false }
        for t in touches { present[Int(t.channel)] = true }

        revenueCents = Int64((exp(3.8 + 0.6 * SyntheticProcess.normal(&rng)) * 100).rounded())
        delayDraw = rng.nextUnit()
        timeDraw = rng.nextUnit()

        // Adstock only decays between touches, so each channel's peaks on a touch
        // day; `terms` holds the running value here.
        for c in adstock.indices { adstock[c] = 0; terms[c] = 0 }
        for t in touches {
            let c = Int(t.channel)
            terms[c] = (terms[c] > 0 ? terms[c] * p.decayPowers[Int(t.day - lastDay[c])] : 0) + 1
            lastDay[c] = t.day
            adstock[c] = max(adstock[c], terms[c])
        }
        // A hair above the bound, so rounding can never hide a conversion day.
        let bound = SyntheticProcess.sigmoid(p.logitBound(peaks: adstock, intent: intent) + 1e-9)
        candidates.removeAll(keepingCapacity: true)
        for day in first..<Int32(p.horizon) {
            let u = rng.nextUnit()
            if u < bound { candidates.append((day, u)) }
        }
    }

    private func pick(_ r: Double) -> Int32 {
        var r = r
        for c in rates.indices {
            r -= rates[c]
            if r < 0 { return Int32(c) }
        }
        return Int32(rates.lastIndex { $0 > 0 } ?? 0)
    }

    /// The conversion day with all touches (nil: never converts); with `removals`,
    /// also `without[c]` for every channel the user saw. Each candidate day's terms
    /// are computed once and shared by all scenarios still at risk.
    mutating func evaluate(_ p: SyntheticProcess, removals: Bool) -> Int32? {
        var full: Int32?
        var fullAtRisk = true
        open.removeAll(keepingCapacity: true)
        for c in present.indices {
            without[c] = nil
            if removals && present[c] { open.append(Int32(c)) }
        }
        for (day, u) in candidates where fullAtRisk || !open.isEmpty {
            p.terms(on: day, touches: touches, adstock: &adstock, into: &terms)
            if fullAtRisk && u < SyntheticProcess.sigmoid(p.logit(terms, intent: intent, removing: nil)) {
                full = day
                fullAtRisk = false
            }
            open.removeAll { c in
                guard u < SyntheticProcess.sigmoid(p.logit(terms, intent: intent, removing: c)) else { return false }
                without[Int(c)] = day
                return true
            }
        }
        return full
    }

    /// The conversion day with `removed`'s touches left out, one scenario alone.
    mutating func conversionDay(_ p: SyntheticProcess, removing removed: Int32? = nil) -> Int32? {
        for (day, u) in candidates {
            p.terms(on: day, touches: touches, adstock: &adstock, into: &terms)
            if u < SyntheticProcess.sigmoid(p.logit(terms, intent: intent, removing: removed)) { return day }
        }
        return nil
    }

    /// The hazard on `day` with `removed`'s touches left out.
    mutating func hazard(_ p: SyntheticProcess, on day: Int32, removing removed: Int32? = nil) -> Double {
        p.terms(on: day, touches: touches, adstock: &adstock, into: &terms)
        return SyntheticProcess.sigmoid(p.logit(terms, intent: intent, removing: removed))
    }

    /// Appends the user's rows in time order: touches, and the conversion (channel -1,
    /// with revenue) on `conversionDay` after that day's touches; of the later
    /// touches, those kept after a conversion.
    func append(user u: Int32, conversionDay: Int32?, _ p: SyntheticProcess, into t: inout EventTable) {
        func time(_ day: Int32, _ second: Int32) -> Int64 { p.start + (Int64(day) * 86_400 + Int64(second)) * 1000 }
        var pending = conversionDay
        for touch in touches {
            if let day = conversionDay, touch.day > day {
                if pending != nil {
                    t.append(
                        user: u, channel: -1, time: time(day, conversionSecond(day)), isConversion: true,
                        value: Double(revenueCents) / 100)
                    pending = nil
                }
                if !touch.keptAfterConversion { continue }
            }
            t.append(user: u, channel: touch.channel, time: time(touch.day, touch.second), isConversion: false, value: 0)
        }
        if let day = pending {
            t.append(user: u, channel: -1, time: time(day, conversionSecond(day)), isConversion: true, value: Double(revenueCents) / 100)
        }
    }

    /// Within hours of the day's last touch (exponential, mean 2 h, kept within the
    /// day); anywhere in the day when the day had no touch (a carried-over conversion).
    private func conversionSecond(_ day: Int32) -> Int32 {
        guard let last = touches.last(where: { $0.day == day })?.second else {
            return Int32(timeDraw * 86_400)
        }
        let room = 86_399 - Double(last) - 1
        return last + 1 + Int32(min(-log(1 - delayDraw) * 7_200, room))
    }
}
