import Testing

@testable import AttributionCore

@Suite struct SyntheticFitTests {
    /// Two users by hand: a touches on days 0 and 2 and converts; b touches once on day 5.
    @Test func theShapeOfATinyTableByHand() {
        var t = EventTable()
        t.channels = ChannelIndex(names: ["x", "y"])
        t.userCount = 3  // user 2 only converts, with no touch: not counted
        let day: Int64 = 86_400_000
        t.append(user: 0, channel: 0, time: 10 * day + 5, isConversion: false, value: 0)
        t.append(user: 0, channel: 1, time: 12 * day + 7, isConversion: false, value: 0)
        t.append(user: 0, channel: -1, time: 12 * day + 9, isConversion: true, value: 3)
        t.append(user: 1, channel: 0, time: 15 * day, isConversion: false, value: 0)
        t.append(user: 2, channel: -1, time: 15 * day, isConversion: true, value: 3)
        let s = SyntheticFit.shape(of: t)
        #expect(s.users == 2 && s.touchesPerUser == 1.5 && s.activeDays == 2 && s.conversionRate == 0.5)
        #expect(s.touchShare == [2.0 / 3, 1.0 / 3] && s.startDays == 6 && s.firstDay == 10 * day)
    }

    /// Data from known settings, fitted back: the shape matches and so do the settings.
    @Test func theFitRecoversTheSettingsOfGeneratedData() {
        var truth = SyntheticTouchpoints.Config(users: 6_000)
        truth.channels = 4
        truth.seed = 2
        truth.days = 30
        truth.inMarketDays = 4
        truth.touchesPerDay = 2
        truth.baseLogit = -6.5
        let events = SyntheticTouchpoints.generate(truth)
        let target = SyntheticFit.shape(of: events)
        let fitted = SyntheticFit.config(like: target, names: events.channels.names, users: 6_000, seed: 5, sampleUsers: 6_000, rounds: 6)
        #expect(abs(fitted.inMarketDays / 4 - 1) < 0.15, "\(fitted.inMarketDays)")
        #expect(abs(fitted.touchesPerDay / 2 - 1) < 0.15, "\(fitted.touchesPerDay)")
        #expect(abs(fitted.baseLogit - -6.5) < 0.3, "\(fitted.baseLogit)")
        #expect(fitted.days == 30 && fitted.start == truth.start && fitted.customChannels?.map(\.name) == events.channels.names)
        let got = SyntheticFit.shape(of: SyntheticTouchpoints.generate(fitted))
        #expect(abs(got.touchesPerUser / target.touchesPerUser - 1) < 0.05 && abs(got.activeDays / target.activeDays - 1) < 0.05)
        #expect(abs(got.conversionRate / target.conversionRate - 1) < 0.2, "\(got.conversionRate) vs \(target.conversionRate)")
        for c in 0..<4 { #expect(abs(got.touchShare[c] - target.touchShare[c]) < 0.02) }
        // Effects by reach rank: the most-touched channel (display here) gets the catalogue's most-reached channel's effect, 0.
        let top = target.touchShare.indices.max { target.touchShare[$0] < target.touchShare[$1] }!
        #expect(fitted.customChannels![top].effect == 0)
    }
}

@Suite struct SyntheticBlockTests {
    /// Blocks of users give the same events, in the same order, and the same truth as one pass.
    @Test func blocksOfUsersGiveTheSameDataAndTruthAsOnePass() {
        var config = SyntheticTouchpoints.Config(users: 1_000)
        config.channels = 5
        config.seed = 8
        let (whole, truth) = SyntheticTouchpoints.generateWithTruth(config)
        var user: [Int32] = [], channel: [Int32] = [], time: [Int64] = [], value: [Double] = []
        var shapes: [SyntheticFit.Shape] = []
        let blockTruth = SyntheticTouchpoints.generate(config, usersPerBlock: 137, truth: true) { t in
            user += t.user
            channel += t.channel
            time += t.time
            value += t.value
            shapes.append(SyntheticFit.shape(of: t))
        }
        #expect(user == whole.user && channel == whole.channel && time == whole.time && value == Array(whole.value))
        #expect(blockTruth == truth && shapes.count == 8)
        let combined = SyntheticFit.combined(shapes), direct = SyntheticFit.shape(of: whole)
        #expect(combined.users == direct.users && combined.startDays == direct.startDays && combined.firstDay == direct.firstDay)
        #expect(abs(combined.touchesPerUser - direct.touchesPerUser) < 1e-12 && abs(combined.activeDays - direct.activeDays) < 1e-12)
        #expect(abs(combined.conversionRate - direct.conversionRate) < 1e-12)
        for c in 0..<5 { #expect(abs(combined.touchShare[c] - direct.touchShare[c]) < 1e-12) }
    }
}
