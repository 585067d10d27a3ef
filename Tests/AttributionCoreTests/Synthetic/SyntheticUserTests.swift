import Foundation
import Testing

@testable import AttributionCore

/// The hazard and the conversion rule, worked by hand on one user.
@Suite struct SyntheticUserTests {
    /// Two channels with effects 1 and 0.5, base logit −4, decay 0.5.
    static var process: SyntheticProcess {
        var config = SyntheticTouchpoints.Config(users: 1)
        config.channels = 2
        config.effects = [1, 0.5]
        config.baseLogit = -4
        config.decay = 0.5
        return SyntheticProcess(config)
    }

    /// Channel 0 on days 0 and 2, channel 1 on day 1, and a channel-0 touch on day 4
    /// that day 3 must not see.
    static func user(intent: Double = 0) -> SyntheticUser {
        var user = SyntheticUser(channels: 2)
        user.touches = [
            SyntheticTouch(day: 0, second: 100, channel: 0),
            SyntheticTouch(day: 1, second: 100, channel: 1),
            SyntheticTouch(day: 2, second: 100, channel: 0),
            SyntheticTouch(day: 4, second: 100, channel: 0),
        ]
        user.present = [true, true]
        user.intent = intent
        return user
    }

    @Test func hazardOnDayThreeWorkedByHand() {
        var user = Self.user()
        // adstock₀(3) = 0.5³ + 0.5¹ = 0.625, adstock₁(3) = 0.5² = 0.25;
        // logit = −4 + 1·(1 − e^−0.625) + 0.5·(1 − e^−0.25) = −4 + 0.464739 + 0.110600 = −3.424662.
        #expect(abs(user.hazard(Self.process, on: 3) - 0.0315335489) < 1e-9)
        // Without channel 1: logit −3.535261.
        #expect(abs(user.hazard(Self.process, on: 3, removing: 1) - 0.0283254170) < 1e-9)
        // A touch counts in full on its own day: day 0 has adstock₀ = 1.
        #expect(abs(user.hazard(Self.process, on: 0) - 1 / (1 + exp(4 - (1 - exp(-1.0))))) < 1e-15)
    }

    @Test func confoundingAddsIntentToTheLogit() {
        var config = SyntheticTouchpoints.Config(users: 1)
        config.channels = 2
        config.effects = [1, 0.5]
        config.baseLogit = -4
        config.decay = 0.5
        config.confounding = 1
        var user = Self.user(intent: 0.5)
        // −3.424662 + 1 · 0.7 · 0.5.
        #expect(abs(user.hazard(SyntheticProcess(config), on: 3) - 0.0441646143) < 1e-9)
    }

    /// The user converts on the first day whose uniform is below that day's hazard.
    @Test func convertsOnTheFirstDayWithAUniformBelowTheHazard() {
        var user = Self.user()
        user.candidates = [(1, 0.5), (3, 0.03), (5, 0.001)]
        // Day 1: 0.5 is far above any hazard here. Day 3: 0.03 < 0.03153.
        #expect(user.evaluate(Self.process, removals: true) == 3)
        // Without channel 1, day 3's hazard is 0.02833 < 0.03: the conversion moves to day 5.
        #expect(user.without == [5, 5])
        #expect(user.conversionDay(Self.process, removing: 1) == 5)
    }
}
