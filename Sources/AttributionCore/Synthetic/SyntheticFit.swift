import Foundation

/// The generator's settings fitted to one's own events (`mta generate --like`), so the
/// models can be evaluated on synthetic data shaped like theirs: the same channels
/// with their share of touches, touches per user, days between a user's first and
/// last touch, the share of users converting, and the days over which users start.
/// Channel effects cannot be read from data (they are what attribution is after):
/// each channel takes the effect of the catalogue channel of the same rank by
/// reach, so the most-touched channel gets display's effect, none at all.
public enum SyntheticFit {
    /// What the fit matches, measured on events (touches are rows with a channel).
    public struct Shape: Sendable, Equatable {
        public var users = 0
        public var touchesPerUser = 0.0
        /// Mean of (last touch day − first touch day + 1) over users.
        public var activeDays = 0.0
        /// Users with a conversion over users with a touch.
        public var conversionRate = 0.0
        /// Each channel's share of the touches, by channel id.
        public var touchShare: [Double] = []
        /// Days from the earliest to the latest first touch, plus one.
        public var startDays = 1
        /// Midnight (UTC) of the earliest touch, in ms.
        public var firstDay: Int64 = 0
    }

    static let day: Int64 = 86_400_000

    public static func shape(of events: EventTable) -> Shape {
        // A block of `generate(_:usersPerBlock:…)` holds users lo...hi of many more.
        let lo = Int(events.user.min() ?? 0), span = events.count == 0 ? 0 : Int(events.user.max()!) - lo + 1
        var first = [Int64](repeating: .max, count: span), last = [Int64](repeating: .min, count: span)
        var touches = [Int](repeating: 0, count: span), converted = [Bool](repeating: false, count: span)
        var perChannel = [Int](repeating: 0, count: events.channels.count)
        for i in 0..<events.count {
            let u = Int(events.user[i]) - lo
            if events.isConversion[i] { converted[u] = true }
            let c = events.channel[i]
            guard c >= 0 else { continue }
            perChannel[Int(c)] += 1
            touches[u] += 1
            let d = floorDiv(events.time[i], day)
            first[u] = min(first[u], d)
            last[u] = max(last[u], d)
        }
        var shape = Shape()
        var touchTotal = 0, days = 0, converters = 0
        var earliest = Int64.max, latest = Int64.min
        for u in 0..<span where touches[u] > 0 {
            shape.users += 1
            touchTotal += touches[u]
            days += Int(last[u] - first[u] + 1)
            if converted[u] { converters += 1 }
            earliest = min(earliest, first[u])
            latest = max(latest, first[u])
        }
        guard shape.users > 0 else { return shape }
        let n = Double(shape.users)
        shape.touchesPerUser = Double(touchTotal) / n
        shape.activeDays = Double(days) / n
        shape.conversionRate = Double(converters) / n
        shape.touchShare = perChannel.map { Double($0) / Double(max(1, touchTotal)) }
        shape.startDays = Int(latest - earliest + 1)
        shape.firstDay = earliest * day
        return shape
    }

    /// The shape of the union of user-disjoint tables, from each one's shape.
    public static func combined(_ shapes: [Shape]) -> Shape {
        let parts = shapes.filter { $0.users > 0 }
        guard let firstPart = parts.first else { return Shape() }
        var s = Shape()
        s.users = parts.reduce(0) { $0 + $1.users }
        let n = Double(s.users)
        s.touchesPerUser = parts.reduce(0) { $0 + $1.touchesPerUser * Double($1.users) } / n
        s.activeDays = parts.reduce(0) { $0 + $1.activeDays * Double($1.users) } / n
        s.conversionRate = parts.reduce(0) { $0 + $1.conversionRate * Double($1.users) } / n
        let touches = s.touchesPerUser * n
        s.touchShare = firstPart.touchShare.indices.map { c in
            parts.reduce(0) { $0 + $1.touchShare[c] * $1.touchesPerUser * Double($1.users) } / max(touches, 1)
        }
        s.firstDay = parts.map(\.firstDay).min()!
        let latest = parts.map { $0.firstDay + Int64($0.startDays - 1) * day }.max()!
        s.startDays = Int((latest - s.firstDay) / day) + 1
        return s
    }

    /// Settings whose data has `target`'s shape (within sampling noise): a few rounds
    /// of simulating `sampleUsers` users and correcting in-market days, touches per
    /// day and the base hazard by the ratio of measured to wanted.
    public static func config(
        like target: Shape, names: [String], users: Int, seed: UInt64,
        sampleUsers: Int = 20_000, rounds: Int = 8
    ) -> SyntheticTouchpoints.Config {
        precondition(target.users > 0 && names.count == target.touchShare.count)
        var config = SyntheticTouchpoints.Config(users: users)
        config.seed = seed
        config.days = max(1, target.startDays)
        config.start = target.firstDay
        let byReach = SyntheticTouchpoints.catalogue.sorted { $0.reach > $1.reach }
        let rank = target.touchShare.indices.sorted { target.touchShare[$0] > target.touchShare[$1] }
        var channels = [SyntheticTouchpoints.Channel?](repeating: nil, count: names.count)
        for (r, c) in rank.enumerated() {
            let model = byReach[r % byReach.count]
            // A channel nobody touched keeps a tiny reach: the process needs every rate positive.
            channels[c] = .init(names[c], reach: max(target.touchShare[c], 1e-9), effect: model.effect, confounded: model.confounded)
        }
        config.customChannels = channels.map { $0! }
        config.inMarketDays = max(1, target.activeDays)
        config.touchesPerDay = max(0, target.touchesPerUser - 1) / config.inMarketDays
        var sample = config
        sample.users = min(users, sampleUsers)
        for _ in 0..<rounds {
            sample.inMarketDays = config.inMarketDays
            sample.touchesPerDay = config.touchesPerDay
            sample.baseLogit = config.baseLogit
            let got = shape(of: SyntheticTouchpoints.generate(sample))
            if got.activeDays > 0 { config.inMarketDays = max(1, config.inMarketDays * target.activeDays / got.activeDays) }
            if got.touchesPerUser > 1 && target.touchesPerUser > 1 {
                config.touchesPerDay *= (target.touchesPerUser - 1) / (got.touchesPerUser - 1)
            }
            if target.conversionRate > 0 {
                // The daily hazard is small: its logit moves the lifetime rate about proportionally.
                config.baseLogit += got.conversionRate > 0 ? log(target.conversionRate / got.conversionRate) : 1
                config.baseLogit = min(max(config.baseLogit, -20), 5)
            } else {
                config.baseLogit = -20
            }
        }
        return config
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
