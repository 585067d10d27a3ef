/// Realistic synthetic touchpoints with a known causal truth, so a newcomer can see
/// the tool work without data, and a model can be scored against what really
/// happened: channels with different reach and true effect (one with none at all),
/// a few percent of users converting, revenue on conversions, some touches after it.
///
/// Touches arrive day by day; each day a user converts with a hazard that rises
/// with a decaying (adstocked) sum of their past touches, channel by channel.
/// With `confounding` > 0, a latent intent raises both exposure to some channels
/// and conversion, as in real data. `SyntheticProcess` has the formulas;
/// `truth` re-simulates the same users with each channel removed.
public enum SyntheticTouchpoints {
    public struct Channel: Sendable {
        public let name: String
        /// Relative frequency of touches on this channel.
        public let reach: Double
        /// Log-odds added to the daily conversion hazard once the channel's adstock saturates.
        public let effect: Double
        /// Exposure rises with the latent intent under confounding: channels people seek out.
        public let confounded: Bool

        public init(_ name: String, reach: Double, effect: Double, confounded: Bool = false) {
            self.name = name
            self.reach = reach
            self.effect = effect
            self.confounded = confounded
        }
    }

    public static let conversionEvent = "purchase"

    /// `display` has no effect at all: whatever credit a model gives it is wrong.
    public static let catalogue: [Channel] = [
        Channel("paid_search", reach: 0.16, effect: 1.3, confounded: true),
        Channel("organic_search", reach: 0.14, effect: 0.9),
        Channel("display", reach: 0.18, effect: 0),
        Channel("social_paid", reach: 0.12, effect: 0.45),
        Channel("email", reach: 0.09, effect: 1.55, confounded: true),
        Channel("direct", reach: 0.08, effect: 0.8, confounded: true),
        Channel("social_organic", reach: 0.07, effect: 0.25),
        Channel("video", reach: 0.05, effect: 0.2),
        Channel("affiliate", reach: 0.04, effect: 1.15),
        Channel("referral", reach: 0.03, effect: 1.05),
        Channel("push", reach: 0.025, effect: 0.6),
        Channel("sms", reach: 0.015, effect: 1.3),
        Channel("podcast", reach: 0.012, effect: 0.5),
        Channel("tv_vanity_url", reach: 0.010, effect: 0.9),
        Channel("print_qr", reach: 0.008, effect: 0.3),
        Channel("partner_newsletter", reach: 0.008, effect: 0.65),
        Channel("influencer", reach: 0.007, effect: 0.6),
        Channel("retargeting", reach: 0.02, effect: 0.4, confounded: true),
        Channel("app_store", reach: 0.006, effect: 0.7),
        Channel("webinar", reach: 0.004, effect: 1.55),
    ]

    public struct Config: Sendable {
        public var users: Int
        /// The first `channels` of the catalogue.
        public var channels = 12
        public var seed: UInt64 = 1
        /// Journeys start within this many days after `start`.
        public var days = 60
        /// Days after the last possible start until the data ends; users are at
        /// risk from their first touch to the end, so late starters have time too.
        public var tailDays = 28
        /// 2024-01-01T00:00:00Z.
        public var start: Int64 = 1_704_067_200_000
        /// X: the strength of a latent intent z ~ N(0, 1) that multiplies exposure to
        /// the confounded channels by exp(0.5·X·z), normalised to mean 1, and adds
        /// 0.7·X·z to the hazard logit. 0 means no confounding.
        public var confounding = 0.0
        /// Adstock carried from one day to the next.
        public var decay = 0.7
        /// The daily hazard logit of a user with no touch in memory.
        public var baseLogit = -7.8
        /// One effect per channel in use instead of the catalogue's (nil: the catalogue's).
        public var effects: [Double]?
        /// Channels of one's own instead of the catalogue's first `channels` (`mta generate --like`).
        public var customChannels: [Channel]? = nil
        /// Mean days a user stays in market (1 + geometric), touched on the first.
        public var inMarketDays = 7.0
        /// Mean touches per in-market day beyond the first day's one, before a user's
        /// activity, taste and intent.
        public var touchesPerDay = 1.0
        public init(users: Int) { self.users = users }
    }

    /// Conversion rows have channel -1 and stand for the `purchase` event.
    public static func generate(_ config: Config) -> EventTable {
        simulate(config, events: true, truth: false).events
    }

    /// Each channel's incremental conversions, in channel order; costs one
    /// re-simulation per channel a user saw, on every core.
    public static func truth(_ config: Config) -> [ChannelTruth] {
        simulate(config, events: false, truth: true).truth
    }

    /// Both from one pass: the events are exactly `generate(config)`'s.
    public static func generateWithTruth(_ config: Config) -> (events: EventTable, truth: [ChannelTruth]) {
        simulate(config, events: true, truth: true)
    }

    /// Each user has a random stream of their own (seed, user id), so the data and
    /// the truth depend only on the seed: `chunks` (the split over cores) changes nothing.
    static func simulate(
        _ config: Config, events wantEvents: Bool, truth wantTruth: Bool,
        chunks: Int? = nil
    ) -> (events: EventTable, truth: [ChannelTruth]) {
        let process = SyntheticProcess(config)
        let (table, tally) = simulate(config, process, users: 0..<config.users, events: wantEvents, truth: wantTruth, chunks: chunks)
        return (table, wantTruth ? tally.channels(names: process.names, effects: process.effects) : [])
    }

    /// The users in blocks of `usersPerBlock`, each block's events handed to `body`
    /// and then let go, so memory holds one block: the same events, block after
    /// block, as `generate` (every user draws from a stream of their own). Returns
    /// the truth when asked for (else empty).
    public static func generate(
        _ config: Config, usersPerBlock: Int, truth wantTruth: Bool,
        _ body: (EventTable) throws -> Void
    ) rethrows -> [ChannelTruth] {
        precondition(usersPerBlock >= 1)
        let process = SyntheticProcess(config)
        var total = TruthTally(channels: process.channelCount)
        for first in stride(from: 0, to: config.users, by: usersPerBlock) {
            let (table, tally) = simulate(
                config, process, users: first..<min(config.users, first + usersPerBlock),
                events: true, truth: wantTruth, chunks: nil)
            try body(table)
            total.merge(tally)
        }
        return wantTruth ? total.channels(names: process.names, effects: process.effects) : []
    }

    static func simulate(
        _ config: Config, _ process: SyntheticProcess, users: Range<Int>, events wantEvents: Bool, truth wantTruth: Bool,
        chunks: Int?
    ) -> (events: EventTable, tally: TruthTally) {
        precondition(config.users >= 0)
        let n = chunks ?? chunkCount(forWork: users.count, minimumPerChunk: 20_000)
        let ranges = chunkRanges(users.count, chunks: n).map { ($0.lowerBound + users.lowerBound)..<($0.upperBound + users.lowerBound) }
        var parts = parallelMap(chunks: n) { part -> (EventTable, TruthTally) in
            var table = EventTable()
            var tally = TruthTally(channels: process.channelCount)
            var user = SyntheticUser(channels: process.channelCount)
            for u in ranges[part] {
                var rng = SeededGenerator(seed: config.seed, stream: UInt64(u))
                user.draw(process, &rng)
                let day = user.evaluate(process, removals: wantTruth)
                if wantTruth { tally.add(user, conversionDay: day) }
                if wantEvents { user.append(user: Int32(u), conversionDay: day, process, into: &table) }
            }
            return (table, tally)
        }
        var table = EventTable()
        var tally = TruthTally(channels: process.channelCount)
        table.reserveCapacity(parts.reduce(0) { $0 + $1.0.count })
        for i in parts.indices {
            let (part, partTally) = parts[i]
            // Let each part go once copied, so a million users never sit in memory twice.
            parts[i].0 = EventTable()
            table.user += part.user
            table.channel += part.channel
            table.time += part.time
            table.isConversion += part.isConversion
            table.value += part.value
            tally.merge(partTally)
        }
        table.channels = ChannelIndex(names: process.names)
        table.userCount = config.users
        return (table, tally)
    }
}
