/// What one channel really did in a synthetic data set: the conversions (and
/// revenue) that vanish when the same users, with the same luck, never see it.
public struct ChannelTruth: Sendable, Equatable {
    public let channel: String
    /// The log-odds lift at saturation that the data was made with.
    public let effect: Double
    /// Users with at least one touch on the channel.
    public let usersTouched: Int
    /// conversions(all touches) − conversions(this channel's touches removed).
    public let incrementalConversions: Int
    /// The same difference in revenue: a converter's revenue does not depend on the scenario.
    public let incrementalRevenue: Double
    /// incrementalConversions / Σ over channels; nil when that sum is ≤ 0 (no
    /// channel helped on balance, e.g. negative effects or very few users), since
    /// shares of nothing mean nothing. Channels interact through the saturating
    /// hazard, so the increments need not add up to the conversions with touches.
    public let share: Double?
}

/// Running sums for the truth, per channel; integers (revenue in cents), so the
/// totals are the same however the users were split across cores.
struct TruthTally: Sendable {
    var touched: [Int]
    var incremental: [Int]
    var incrementalCents: [Int64]

    init(channels: Int) {
        touched = Array(repeating: 0, count: channels)
        incremental = touched
        incrementalCents = Array(repeating: 0, count: channels)
    }

    /// `user` after `evaluate(removals: true)`; a channel the user never saw
    /// changes nothing when removed.
    mutating func add(_ user: SyntheticUser, conversionDay full: Int32?) {
        for c in user.present.indices where user.present[c] {
            touched[c] += 1
            let delta = (full == nil ? 0 : 1) - (user.without[c] == nil ? 0 : 1)
            incremental[c] += delta
            incrementalCents[c] += Int64(delta) * user.revenueCents
        }
    }

    mutating func merge(_ other: TruthTally) {
        for c in touched.indices {
            touched[c] += other.touched[c]
            incremental[c] += other.incremental[c]
            incrementalCents[c] += other.incrementalCents[c]
        }
    }

    func channels(names: [String], effects: [Double]) -> [ChannelTruth] {
        let total = incremental.reduce(0, +)
        return names.indices.map { c in
            ChannelTruth(
                channel: names[c], effect: effects[c], usersTouched: touched[c],
                incrementalConversions: incremental[c], incrementalRevenue: Double(incrementalCents[c]) / 100,
                share: total > 0 ? Double(incremental[c]) / Double(total) : nil)
        }
    }
}
