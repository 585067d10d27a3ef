import Foundation
import Testing

@testable import AttributionCore

@Suite struct NeuralRemovalTests {
    /// An untrained network still scores windows differently, which is all the
    /// bookkeeping needs; the shift puts daily hazards near a few percent.
    static func model(days: Int, channels: Int) -> TrainedModel {
        let shape = NetworkShape(days: days, channels: channels, width: 3, layers: 1, dropout: 0)
        return TrainedModel(network: ConversionNetwork(shape: shape, seed: 4), calibrationShift: -3, options: TrainingOptions())
    }

    /// Every journey's at-risk windows built one by one, each channel cleared by hand.
    static func naive(_ model: TrainedModel, journeys: JourneySet, days: Int) -> (factual: Double, lost: [Double]) {
        let channels = journeys.channels.count
        let lastDay = WindowExtractor.day(max(journeys.touchTime.max()!, journeys.endTime.max()!))
        var perJourney: [[[UInt64]]] = []
        for j in 0..<journeys.count {
            let touches = journeys.touches(j).map { (WindowExtractor.day(journeys.touchTime[$0]), journeys.touchChannel[$0]) }
            let end = journeys.converted[j] ? WindowExtractor.day(journeys.endTime[j]) : lastDay
            let first = touches.first?.0 ?? end
            perJourney.append(
                (first...end).map { x in
                    (0..<days).map { k in
                        let day = x - Int64(days - 1 - k)
                        return touches.filter { $0.0 == day }.reduce(UInt64(0)) { $0 | 1 << UInt64($1.1) }
                    }
                })
        }
        func cleared(_ w: [UInt64], _ c: Int?) -> [UInt64] { c.map { c in w.map { $0 & ~(1 << UInt64(c)) } } ?? w }
        var distinct: [[UInt64]: Int] = [:]
        var batch = WindowBatch(days: days, channels: channels)
        for windows in perJourney {
            for w in windows {
                for c in [nil] + (0..<channels).map(Optional.some) where distinct[cleared(w, c)] == nil {
                    distinct[cleared(w, c)] = batch.count
                    batch.append(dayMasks: cleared(w, c))
                }
            }
        }
        let h = model.probabilities(batch)
        func converts(_ windows: [[UInt64]], without c: Int?) -> Double {
            1 - windows.reduce(1.0) { $0 * (1 - h[distinct[cleared($1, c)]!]) }
        }
        var factual = 0.0, lost = [Double](repeating: 0, count: channels)
        for windows in perJourney {
            let f = converts(windows, without: nil)
            factual += f
            for c in 0..<channels { lost[c] += f - converts(windows, without: c) }
        }
        return (factual, lost)
    }

    @Test func theReplayMatchesWindowsBuiltOneByOne() {
        var config = SyntheticTouchpoints.Config(users: 300)
        config.seed = 21
        config.channels = 5
        config.days = 30
        let events = SyntheticTouchpoints.generate(config)
        let journeys = JourneyBuilder.build(events, options: JourneyOptions(rule: .everyConversion))
        let days = 4
        let model = Self.model(days: days, channels: journeys.channels.count)
        let counts = WindowExtractor.extract(journeys, options: ExtractOptions(lookbackDays: days))
        let got = NeuralRemoval.measure(model, journeys: journeys, counts: counts)
        let want = Self.naive(model, journeys: journeys, days: days)
        #expect(abs(got.expectedConversions - want.factual) < 1e-9 * want.factual, "\(got.expectedConversions) vs \(want.factual)")
        for c in 0..<journeys.channels.count {
            #expect(
                abs(got.incremental[c] - want.lost[c]) < 1e-9 * max(1, abs(want.lost[c])), "\(c): \(got.incremental[c]) vs \(want.lost[c])")
        }
        #expect(got.incremental.contains { $0 != 0 })
        #expect(got.segments == journeys.count)
        #expect(got.observedConversions == Double(journeys.convertingCount))
        #expect(abs(got.shares.reduce(0, +) - 1) < 1e-12)
    }

    @Test func aChannelNobodyTouchedLosesNothing() throws {
        // Two users: email then a conversion; search and never converting. "video" is in the
        // index but never touched.
        var events = Fixtures.events([
            ("A", "email", 0.1, 0), ("A", nil, 2.2, 10),
            ("B", "search", 0.5, 0), ("B", "search", 3.5, 0),
        ])
        _ = events.channels.id(for: "video")
        let journeys = JourneyBuilder.build(events)
        let model = Self.model(days: 3, channels: journeys.channels.count)
        let counts = WindowExtractor.extract(journeys, options: ExtractOptions(lookbackDays: 3))
        let r = NeuralRemoval.measure(model, journeys: journeys, counts: counts)
        let video = try #require(journeys.channels.lookup("video"))
        #expect(r.incremental[Int(video)] == 0)
        #expect(r.incremental.contains { $0 != 0 })
        let want = Self.naive(model, journeys: journeys, days: 3)
        #expect(abs(r.expectedConversions - want.factual) < 1e-12)
        #expect(r.segments == 2 && r.observedConversions == 1)
    }
}
