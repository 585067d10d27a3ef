import Testing

@testable import AttributionCore

/// The held-out fit as `AttributionRun` adds it to every model that predicts conversion.
@Suite struct ConversionPredictingTests {
    static func run(_ models: [any AttributionModel], _ paths: PathTable) throws -> [ModelResult] {
        try AttributionRun.run(models, on: MarkovTestData.input(paths)).map { outcome in
            guard case .success(let r) = outcome else { throw ModelError(model: "?", message: "\(outcome)") }
            return r
        }
    }

    static func number(_ r: ModelResult, _ key: String) -> Double? {
        guard case .number(let x)? = r.details.first(where: { $0.key == key })?.value else { return nil }
        return x
    }

    /// Conversion depends only on the set of distinct channels, not on order or repeats.
    static func setDrivenPaths(journeys: Int, seed: UInt64) -> PathTable {
        var rng = SeededGenerator(seed: seed)
        var builder = PathTableBuilder(channels: ChannelIndex(names: ["a", "b", "c", "d", "e"]))
        for _ in 0..<journeys {
            let path = (0..<(1 + Int(rng.next() % 4))).map { _ in Int32(rng.next() % 5) }
            var set = 0
            for c in path { set |= 1 << Int(c) }
            let rate = 0.02 + 0.6 * Double((set * 7 + 3) % 11) / 10  // an arbitrary rate per set
            let converts = rng.nextUnit() < min(rate, 0.95)
            builder.add(path[...], conversions: converts ? 1 : 0, value: 0, nulls: converts ? 0 : 1)
        }
        return builder.table
    }

    @Test func shapleyRateBeatsAConstantPredictorWhenTheSetDecides() throws {
        let r = try Self.run([ConversionRateShapley(seed: 5)], Self.setDrivenPaths(journeys: 8_000, seed: 1))[0]
        let auc = try #require(Self.number(r, "holdout_roc_auc"))
        #expect(auc > 0.6)  // a constant predictor scores 0.5
        let journeys = try #require(Self.number(r, "holdout_journeys"))
        #expect(abs(journeys - 1_600) < 120)
        #expect(r.messages.contains { $0.hasPrefix("held-out fit (20 % of the journeys") })
    }

    @Test func orderTwoFitsSecondOrderJourneysBetterThanOrderOne() throws {
        let paths = MarkovOrderSelectionTests.secondOrderPaths(journeys: 6_000, seed: 17)
        let r = try Self.run(
            MarkovModel.models(
                for: {
                    var o = ModelOptions(); o.markovOrder = .fixed([1, 2]); return o
                }()), paths)
        #expect(r.map(\.model) == ["markov-1", "markov-2"])
        let auc1 = try #require(Self.number(r[0], "holdout_roc_auc")), auc2 = try #require(Self.number(r[1], "holdout_roc_auc"))
        let loss1 = try #require(Self.number(r[0], "holdout_log_loss")), loss2 = try #require(Self.number(r[1], "holdout_log_loss"))
        #expect(auc2 > auc1 + 0.1)
        #expect(loss2 < loss1)
        // Both orders are scored on the same held-out journeys.
        #expect(Self.number(r[0], "holdout_journeys") == Self.number(r[1], "holdout_journeys"))
    }

    @Test func theSeedDecidesTheFit() throws {
        let paths = MarkovOrderSelectionTests.secondOrderPaths(journeys: 2_000, seed: 4)
        let models: (UInt64) -> [any AttributionModel] = { [MarkovModel(order: 2, seed: $0), ConversionRateShapley(seed: $0)] }
        let a = try Self.run(models(42), paths), b = try Self.run(models(42), paths), c = try Self.run(models(43), paths)
        for i in 0..<2 {
            #expect(Self.number(a[i], "holdout_roc_auc") == Self.number(b[i], "holdout_roc_auc"))
            #expect(Self.number(a[i], "holdout_log_loss") == Self.number(b[i], "holdout_log_loss"))
            #expect(Self.number(a[i], "holdout_log_loss") != Self.number(c[i], "holdout_log_loss"))
        }
    }

    @Test func automaticOrderReportsTheFitOfTheOrderItSelects() throws {
        let paths = MarkovOrderSelectionTests.secondOrderPaths(journeys: 3_000, seed: 8)
        let auto = try Self.run([MarkovAutoOrderModel(maxOrder: 3, seed: 9)], paths)[0]
        guard case .integer(let order)? = auto.details.first(where: { $0.key == "order" })?.value else {
            Issue.record("no order detail")
            return
        }
        let fixed = try Self.run([MarkovModel(order: order, seed: 9)], paths)[0]
        for key in ["holdout_roc_auc", "holdout_log_loss", "holdout_journeys"] {
            #expect(Self.number(auto, key) != nil && Self.number(auto, key) == Self.number(fixed, key))
        }
    }

    @Test func modelsThatDoNotPredictGetNoFit() throws {
        let r = try Self.run([LastTouch()], MarkovTestData.paths(channels: 3, rows: 50, maxLength: 3, seed: 1))[0]
        #expect(!r.details.contains { $0.key.hasPrefix("holdout_") })
    }
}
