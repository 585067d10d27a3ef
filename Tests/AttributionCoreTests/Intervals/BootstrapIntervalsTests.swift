import Foundation
import Testing

@testable import AttributionCore

@Suite struct BootstrapIntervalsTests {
    static func generated(users: Int, seed: UInt64 = 1) -> AttributionInput {
        var config = SyntheticTouchpoints.Config(users: users)
        config.seed = seed
        let journeys = JourneyBuilder.build(SyntheticTouchpoints.generate(config))
        return AttributionInput(paths: PathTable(journeys: journeys), journeys: journeys, hasValue: true)
    }

    static func fastModels() throws -> [any AttributionModel] {
        var options = ModelOptions()
        options.markovOrder = .fixed([1, 2])
        return try ModelRegistry.models(["all"], options: options)
    }

    static func flat(_ report: IntervalReport) -> [String] {
        report.models.flatMap { m in
            m.intervals.enumerated().map { c, i in
                "\(m.model) \(m.channels.names[c]) \(i.conversionsLow) \(i.conversionsHigh) \(i.shareLow) \(i.shareHigh) \(m.replicates)"
            }
        }
    }

    /// Two paths of 100 conversions each: first touch's credit to `a` is Poisson(100)
    /// (interval ≈ 100 ± 1.96·10) and its share X/(X+Y) has sd √(¼/200) ≈ 0.035.
    @Test func handCheckedPoissonInterval() {
        let input = AttributionInput(paths: Fixtures.paths([("a", 100, 0, 50), ("b>a", 100, 0, 0)]), journeys: nil, hasValue: false)
        let report = BootstrapIntervals.compute([FirstTouch()], on: input, options: IntervalOptions(replicates: 4_000, seed: 3))
        let m = report.intervals(for: "first-touch")!
        let a = m.intervals[Int(m.channels.lookup("a")!)]
        #expect(m.replicates == 4_000 && m.failures == 0)
        #expect(abs(a.conversionsLow - 80.4) < 2.5 && abs(a.conversionsHigh - 119.6) < 2.5, "\(a)")
        #expect(abs(a.shareLow - (0.5 - 1.96 * 0.0354)) < 0.01 && abs(a.shareHigh - (0.5 + 1.96 * 0.0354)) < 0.01, "\(a)")
    }

    /// Time decay resamples journeys: n one-touch converting journeys on `a` give it
    /// a Poisson(n) credit, whose interval is about n ± 1.96·√n.
    @Test func eventLevelModelsResampleJourneys() {
        var rows: [(String, String?, Double, Double)] = []
        for u in 0..<64 { rows += [("u\(u)", u % 2 == 0 ? "a" : "b", 0, 0), ("u\(u)", nil, 1, 1)] }
        let journeys = JourneyBuilder.build(Fixtures.events(rows))
        let input = AttributionInput(paths: PathTable(journeys: journeys), journeys: journeys, hasValue: true)
        let report = BootstrapIntervals.compute([TimeDecay()], on: input, options: IntervalOptions(replicates: 4_000, seed: 8))
        let m = report.intervals(for: "time-decay")!
        let a = m.intervals[Int(m.channels.lookup("a")!)]
        #expect(abs(a.conversionsLow - (32 - 1.96 * 32.0.squareRoot())) < 1.5, "\(a)")
        #expect(abs(a.conversionsHigh - (32 + 1.96 * 32.0.squareRoot())) < 1.5, "\(a)")
    }

    @Test func sameSeedSameIntervalsWhateverTheWorkers() throws {
        let input = Self.generated(users: 4_000)
        let models = try Self.fastModels()
        let one = BootstrapIntervals.compute(models, on: input, options: IntervalOptions(replicates: 30, seed: 5, workers: 1))
        let two = BootstrapIntervals.compute(models, on: input, options: IntervalOptions(replicates: 30, seed: 5, workers: 2))
        let three = BootstrapIntervals.compute(models, on: input, options: IntervalOptions(replicates: 30, seed: 5, workers: 3))
        #expect(!Self.flat(one).isEmpty)
        #expect(Self.flat(one) == Self.flat(two))
        #expect(Self.flat(one) == Self.flat(three))
        let other = BootstrapIntervals.compute(models, on: input, options: IntervalOptions(replicates: 30, seed: 6, workers: 2))
        #expect(Self.flat(one) != Self.flat(other))
        // Every fast model has intervals: four rules, time decay, two Markov orders, three Shapley games.
        #expect(
            one.models.map(\.model) == [
                "first-touch", "last-touch", "linear", "position-based", "time-decay",
                "markov-1", "markov-2", "shapley", "shapley-ordered", "shapley-rate",
            ])
        #expect(one.excludedModels.isEmpty)
    }

    /// The neural model is never refitted (it trains for minutes): listed, not run.
    @Test func theNeuralModelIsExcluded() throws {
        let input = Self.generated(users: 500)
        let models = try ModelRegistry.models(["first-touch", "neural"], options: ModelOptions())
        let report = BootstrapIntervals.compute(models, on: input, options: IntervalOptions(replicates: 20, seed: 1))
        #expect(report.excludedModels == ["neural"])
        #expect(report.models.map(\.model) == ["first-touch"])
    }

    /// A model that cannot run on the input (time decay on paths) gets no interval and stops nothing.
    @Test func aModelFailingOnEveryReplicateGetsNone() {
        let input = AttributionInput(paths: Fixtures.paths([("a", 3, 0, 1), ("b", 2, 0, 4)]), journeys: nil, hasValue: false)
        let report = BootstrapIntervals.compute([TimeDecay(), LastTouch()], on: input, options: IntervalOptions(replicates: 25, seed: 1))
        #expect(report.models.map(\.model) == ["last-touch"])
    }

    /// On generated data every model's percentile interval holds its own point estimate.
    @Test func intervalsHoldThePointEstimate() throws {
        let input = Self.generated(users: 20_000, seed: 3)
        let models = try Self.fastModels()
        let report = BootstrapIntervals.compute(models, on: input, options: IntervalOptions(replicates: 200, seed: 2))
        let points = AttributionRun.run(models, on: input).compactMap { if case .success(let r) = $0 { r } else { nil } }
        #expect(report.models.count == points.count)
        for point in points {
            let m = try #require(report.intervals(for: point.model))
            #expect(m.replicates == 200)
            let shares = point.shares
            for c in 0..<point.channels.count {
                let i = m.intervals[c]
                #expect(
                    i.conversionsLow <= point.conversions[c] && point.conversions[c] <= i.conversionsHigh,
                    "\(point.model) \(point.channels.names[c]): \(point.conversions[c]) outside \(i)")
                #expect(
                    i.shareLow <= shares[c] && shares[c] <= i.shareHigh,
                    "\(point.model) \(point.channels.names[c]): \(shares[c]) outside \(i)")
            }
        }
    }

    /// Sampling noise shrinks like 1/√n: with 4× the users every interval is about
    /// half as wide (summed over channels, per model). Not so the conversion-rate
    /// Shapley game at these sizes: its v(T) is the rate of journeys with exactly the
    /// channels T, and more users bring more rarely seen sets with noisy rates, so
    /// its intervals narrow more slowly (measured 1.3× for 10k → 40k users, 1.5× for
    /// 40k → 160k); they must still narrow.
    @Test func intervalsShrinkLikeOneOverRootN() throws {
        let models = try ModelRegistry.models(["all"], options: ModelOptions())
        let options = IntervalOptions(replicates: 200, seed: 4)
        let small = BootstrapIntervals.compute(models, on: Self.generated(users: 10_000, seed: 21), options: options)
        let large = BootstrapIntervals.compute(models, on: Self.generated(users: 40_000, seed: 22), options: options)
        func width(_ m: ModelIntervals) -> Double { m.intervals.reduce(0) { $0 + $1.shareHigh - $1.shareLow } }
        var ratios: [Double] = []
        for m in small.models {
            let ratio = width(m) / width(try #require(large.intervals(for: m.model)))
            if m.model == "shapley-rate" {
                #expect(ratio > 1.1, "shapley-rate: share intervals \(ratio)× wider with 4× fewer users")
                continue
            }
            ratios.append(ratio)
            #expect(ratio > 1.6 && ratio < 2.5, "\(m.model): share intervals \(ratio)× wider with 4× fewer users")
        }
        #expect(ratios.count == 8)
        let mean = ratios.reduce(0, +) / Double(ratios.count)
        print(
            "interval width ratio, 10 000 vs 40 000 users, per model: \(ratios.map { String(format: "%.3f", $0) }), mean \(String(format: "%.3f", mean))"
        )
        #expect(abs(mean - 2) < 0.25)
    }
}
