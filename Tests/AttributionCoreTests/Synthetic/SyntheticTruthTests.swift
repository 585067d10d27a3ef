import Testing

@testable import AttributionCore

/// Each channel's incremental conversions, from re-simulating the same users without it.
@Suite struct SyntheticTruthTests {
    static func truth(users: Int = 20_000, confounding: Double = 0) -> [String: ChannelTruth] {
        var config = SyntheticTouchpoints.Config(users: users)
        config.confounding = confounding
        return Dictionary(uniqueKeysWithValues: SyntheticTouchpoints.truth(config).map { ($0.channel, $0) })
    }

    /// With effect exactly 0 the hazard is the same bit for bit without the channel,
    /// so not one conversion changes, confounded or not.
    @Test func theChannelWithNoEffectCausesExactlyNothing() {
        for confounding in [0.0, 1.5] {
            let display = Self.truth(confounding: confounding)["display"]!
            #expect(display.effect == 0)
            #expect(display.usersTouched > 5_000)
            #expect(display.incrementalConversions == 0 && display.incrementalRevenue == 0 && display.share == 0)
        }
    }

    @Test func aStrongChannelCausesClearlyMoreThanAWeakOne() {
        let t = Self.truth()
        // paid_search (effect 1.3) against video (0.2) and social_organic (0.25), of similar reach order.
        #expect(t["paid_search"]!.incrementalConversions > 5 * t["video"]!.incrementalConversions)
        #expect(t["paid_search"]!.incrementalConversions > 3 * t["social_organic"]!.incrementalConversions)
        #expect(t["email"]!.incrementalConversions > 2 * t["social_paid"]!.incrementalConversions)
        #expect(t["video"]!.incrementalConversions > 0)
    }

    @Test func sharesAddUpToOneAndRevenueFollowsConversions() {
        let t = Self.truth(users: 5_000).values
        #expect(abs(t.reduce(0) { $0 + $1.share! } - 1) < 1e-12)
        for c in t where c.incrementalConversions > 0 { #expect(c.incrementalRevenue > 0) }
    }

    /// With every effect ≥ 0, removing a channel lowers every day's hazard, so with the
    /// same uniforms no user converts who did not, nor earlier: checked user by user.
    @Test func removalNeverAddsAConversionWhenNoEffectIsNegative() {
        var config = SyntheticTouchpoints.Config(users: 3_000)
        config.confounding = 1
        let process = SyntheticProcess(config)
        var user = SyntheticUser(channels: process.channelCount)
        var checked = 0
        for u in 0..<config.users {
            var rng = SeededGenerator(seed: config.seed, stream: UInt64(u))
            user.draw(process, &rng)
            let full = user.evaluate(process, removals: true)
            for c in user.present.indices where user.present[c] {
                if let without = user.without[c] {
                    #expect(full != nil && without >= full!)
                    checked += 1
                }
                // The shared evaluation agrees with one scenario evaluated alone.
                #expect(user.without[c] == user.conversionDay(process, removing: Int32(c)))
            }
        }
        #expect(checked > 50)
        #expect(SyntheticTouchpoints.truth(config).allSatisfy { $0.incrementalConversions >= 0 })
    }

    /// A harmful channel (negative effect) gets negative increments, and when no channel
    /// helps on balance, shares are nil rather than a division by a non-positive sum.
    @Test func negativeEffectsGiveNegativeIncrementsAndNoShares() {
        var config = SyntheticTouchpoints.Config(users: 5_000)
        config.channels = 3
        config.baseLogit = -5
        config.effects = [-1, -0.5, 0]
        let t = SyntheticTouchpoints.truth(config)
        #expect(t[0].incrementalConversions < 0 && t[1].incrementalConversions < 0 && t[2].incrementalConversions == 0)
        #expect(t.allSatisfy { $0.share == nil })
        #expect(t.map(\.effect) == [-1, -0.5, 0])
    }

    @Test func theTruthComesWithExactlyTheGeneratedEvents() {
        var config = SyntheticTouchpoints.Config(users: 2_000)
        config.confounding = 0.5
        let both = SyntheticTouchpoints.generateWithTruth(config)
        #expect(SyntheticTouchpointsTests.same(both.events, SyntheticTouchpoints.generate(config)))
        #expect(both.truth == SyntheticTouchpoints.truth(config))
        #expect(both.truth.map(\.channel) == both.events.channels.names)
    }

    /// Latent intent raises both exposure to the confounded channels and conversion, so
    /// the two go together more than the channels' own effect explains.
    @Test func confoundingRaisesTheCorrelationOfExposureAndConversion() {
        func correlation(_ confounding: Double) -> Double {
            var config = SyntheticTouchpoints.Config(users: 20_000)
            config.confounding = confounding
            let e = SyntheticTouchpoints.generate(config)
            let confounded = Set(
                SyntheticTouchpoints.catalogue.prefix(config.channels).enumerated()
                    .filter { $0.element.confounded }.map { Int32($0.offset) })
            #expect(confounded.count == 3)  // paid_search, email, direct among the first 12
            var exposure = [Double](repeating: 0, count: config.users), converted = exposure
            for i in 0..<e.count {
                let u = Int(e.user[i])
                if e.isConversion[i] { converted[u] = 1 } else if confounded.contains(e.channel[i]) { exposure[u] += 1 }
            }
            return Self.pearson(exposure, converted)
        }
        let none = correlation(0), some = correlation(1)
        #expect(none > 0.03, "the channels' own effects alone correlate a little")
        #expect(some > none + 0.05, "\(none) → \(some)")
    }

    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            sxy += (x[i] - mx) * (y[i] - my)
            sxx += (x[i] - mx) * (x[i] - mx)
            syy += (y[i] - my) * (y[i] - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
