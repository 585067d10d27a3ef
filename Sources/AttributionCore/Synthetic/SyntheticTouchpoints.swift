import Foundation

/// Realistic synthetic touchpoints, so a newcomer can see the tool work without data:
/// channels with different reach and different true effect on conversion, a few
/// percent of users converting, revenue on conversions, some touches after it.
public enum SyntheticTouchpoints {
    public struct Channel: Sendable {
        public let name: String
        /// Relative frequency of touches on this channel.
        public let reach: Double
        /// Log-odds added to a user's conversion when the channel is in the journey.
        public let effect: Double
    }

    public static let conversionEvent = "purchase"

    public static let catalogue: [Channel] = [
        Channel(name: "paid_search", reach: 0.16, effect: 0.9),
        Channel(name: "organic_search", reach: 0.14, effect: 0.6),
        Channel(name: "display", reach: 0.18, effect: 0.05),
        Channel(name: "social_paid", reach: 0.12, effect: 0.3),
        Channel(name: "email", reach: 0.09, effect: 1.1),
        Channel(name: "direct", reach: 0.08, effect: 0.5),
        Channel(name: "social_organic", reach: 0.07, effect: 0.15),
        Channel(name: "video", reach: 0.05, effect: 0.1),
        Channel(name: "affiliate", reach: 0.04, effect: 0.8),
        Channel(name: "referral", reach: 0.03, effect: 0.7),
        Channel(name: "push", reach: 0.025, effect: 0.4),
        Channel(name: "sms", reach: 0.015, effect: 0.9),
        Channel(name: "podcast", reach: 0.012, effect: 0.35),
        Channel(name: "tv_vanity_url", reach: 0.010, effect: 0.6),
        Channel(name: "print_qr", reach: 0.008, effect: 0.2),
        Channel(name: "partner_newsletter", reach: 0.008, effect: 0.5),
        Channel(name: "influencer", reach: 0.007, effect: 0.45),
        Channel(name: "retargeting", reach: 0.02, effect: 0.25),
        Channel(name: "app_store", reach: 0.006, effect: 0.55),
        Channel(name: "webinar", reach: 0.004, effect: 1.2),
    ]

    public struct Config: Sendable {
        public var users: Int
        public var channels = 12
        public var seed: UInt64 = 1
        /// Journeys start within this many days after `start`.
        public var days = 60
        /// 2024-01-01T00:00:00Z.
        public var start: Int64 = 1_704_067_200_000
        public init(users: Int) { self.users = users }
    }

    static let blockSize = 16_384

    /// Conversion rows have channel -1 and stand for the `purchase` event.
    /// Users are made in fixed blocks, each with its own random stream, so the
    /// data depends only on the seed, not on how many cores made it.
    public static func generate(_ config: Config) -> EventTable {
        precondition(config.channels >= 1 && config.channels <= catalogue.count)
        let channels = Array(catalogue.prefix(config.channels))
        let blocks = (config.users + blockSize - 1) / blockSize
        let chunks = max(1, min(blocks, chunkCount(forWork: config.users, minimumPerChunk: 20_000)))
        let ranges = chunkRanges(blocks, chunks: chunks)
        let parts = parallelMap(chunks: chunks) { part -> EventTable in
            var table = EventTable()
            for block in ranges[part] {
                var rng = SeededGenerator(seed: config.seed, stream: UInt64(block))
                let users = (block * blockSize)..<min(config.users, (block + 1) * blockSize)
                for u in users { makeUser(Int32(u), channels: channels, config: config, rng: &rng, into: &table) }
            }
            return table
        }
        var table = EventTable()
        table.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            table.user += part.user
            table.channel += part.channel
            table.time += part.time
            table.isConversion += part.isConversion
            table.value += part.value
        }
        table.channels = ChannelIndex(names: channels.map(\.name))
        table.userCount = config.users
        return table
    }

    private static func makeUser(_ u: Int32, channels: [Channel], config: Config, rng: inout SeededGenerator, into t: inout EventTable) {
        let hour = 3_600_000.0, day = 86_400_000.0
        // Touches before a possible conversion: 1 + geometric, mean about 9.
        var touches = 1
        while rng.nextUnit() < 0.89 && touches < 60 { touches += 1 }
        var path: [Int32] = []
        var seen = Set<Int32>()
        var time = config.start + Int64(rng.nextUnit() * Double(config.days) * day)
        var logit = -6.5 + 0.08 * Double(touches)
        for _ in 0..<touches {
            let c: Int32
            if let prior = path.randomElementIfRepeat(&rng) {
                c = prior
            } else {
                c = pick(channels, &rng)
            }
            path.append(c)
            if seen.insert(c).inserted { logit += channels[Int(c)].effect }
            t.append(user: u, channel: c, time: time, isConversion: false, value: 0)
            time += Int64(-log(1 - rng.nextUnit()) * 1.2 * day)
        }
        guard rng.nextUnit() < 1 / (1 + exp(-logit)) else { return }
        // The conversion follows the last touch within hours.
        let conversion = t.time[t.count - 1] + Int64(-log(1 - rng.nextUnit()) * 3 * hour) + 1000
        let normal = (-2 * log(1 - rng.nextUnit())).squareRoot() * cos(2 * .pi * rng.nextUnit())
        let revenue = (exp(3.8 + 0.6 * normal) * 100).rounded() / 100
        t.append(user: u, channel: -1, time: conversion, isConversion: true, value: revenue)
        // Some users keep touching after they convert; first-conversion journeys ignore these.
        var after = conversion
        while rng.nextUnit() < 0.3 {
            after += Int64(-log(1 - rng.nextUnit()) * 2 * day) + 1000
            t.append(user: u, channel: pick(channels, &rng), time: after, isConversion: false, value: 0)
        }
    }

    private static func pick(_ channels: [Channel], _ rng: inout SeededGenerator) -> Int32 {
        let total = channels.reduce(0) { $0 + $1.reach }
        var r = rng.nextUnit() * total
        for (i, c) in channels.enumerated() {
            r -= c.reach
            if r < 0 { return Int32(i) }
        }
        return Int32(channels.count - 1)
    }
}

private extension Array where Element == Int32 {
    /// Users return to channels they already know: 35 % of touches repeat an earlier one.
    func randomElementIfRepeat(_ rng: inout SeededGenerator) -> Int32? {
        guard !isEmpty, rng.nextUnit() < 0.35 else { return nil }
        return self[Int(rng.next() % UInt64(count))]
    }
}
