import Foundation
import Testing

@testable import AttributionCore

@Suite struct NeuralModelTests {
    /// Small enough for a debug build; the generator's paid_search made strong, display
    /// (always effect 0) kept at none.
    static func run(seed: UInt64 = 3) throws -> (input: AttributionInput, results: [ModelResult], truth: [ChannelTruth]) {
        var config = SyntheticTouchpoints.Config(users: 12_000)
        config.channels = 3
        config.effects = [3.0, 1.0, 0]
        config.seed = seed
        let (events, truth) = SyntheticTouchpoints.generateWithTruth(config)
        let journeys = JourneyBuilder.build(events)
        let input = AttributionInput(paths: PathTable(journeys: journeys), journeys: journeys, hasValue: true)
        var options = ModelOptions()
        options.neural.lookbackDays = 7
        options.neural.training.width = 8
        options.neural.training.layers = 1
        options.neural.training.dropout = 0.1
        options.neural.training.epochs = 4
        options.neural.training.stepsPerEpoch = 200
        options.neural.training.batchSize = 256
        options.neural.training.learningRate = 0.01
        // Conversions are ~0.1 % of the days at risk: balanced batches see enough of them.
        options.neural.training.balance = true
        options.neural.training.seed = seed
        // Both named: one model, one fit, both results.
        let models = try ModelRegistry.models(["neural-removal", "neural"], options: options)
        #expect(models.count == 1 && models[0].needsJourneys)
        return (input, try models[0].attributeAll(input), truth)
    }

    @Test func aStrongChannelGetsClearlyMoreCreditThanOneWithNoEffectAndTheTruthIsCloserThanLastTouch() throws {
        let (input, results, truth) = try Self.run()
        #expect(results.map(\.model) == ["neural", "neural-removal"])
        let names = input.channels.names
        let strong = names.firstIndex(of: "paid_search")!, none = names.firstIndex(of: "display")!
        for r in results {
            let shares = r.shares
            #expect(shares[strong] > 3 * max(shares[none], 0.01), "\(r.model): \(zip(names, shares).map { "\($0) \($1)" })")
            // Credits are the run's conversions and revenue, split by the shares.
            #expect(abs(r.totalConversions - input.paths.totalConversions) < 1e-6 * input.paths.totalConversions)
            #expect(abs(r.revenue!.reduce(0, +) - input.paths.totalValue) < 1e-6 * input.paths.totalValue)
        }
        // Closer to the generator's causal truth than last touch (total variation distance).
        let trueShare = Dictionary(uniqueKeysWithValues: truth.map { ($0.channel, $0.share ?? 0) })
        func distance(_ r: ModelResult) -> Double {
            0.5 * zip(names, r.shares).map { abs($1 - trueShare[$0]!) }.reduce(0, +)
        }
        let lastTouch = distance(try LastTouch().attribute(input))
        for r in results { #expect(distance(r) < lastTouch, "\(r.model) \(distance(r)) vs last touch \(lastTouch)") }
        // The by-day table sums to the channel values; its shares to 1.
        let byDay = results[0].tables.first { $0.fileName == "neural_by_day.csv" }!
        let channels = results[0].tables.first { $0.fileName == "neural_channels.csv" }!
        func number(_ v: DetailValue) -> Double { if case .number(let d) = v { d } else { .nan } }
        func text(_ v: DetailValue) -> String { if case .text(let s) = v { s } else { "" } }
        for row in channels.rows {
            let sum = byDay.rows.filter { text($0[1]) == text(row[0]) }.map { number($0[2]) }.reduce(0, +)
            #expect(abs(sum - number(row[1])) < 1e-9 * max(1, abs(sum)))
        }
        #expect(abs(byDay.rows.map { number($0[3]) }.reduce(0, +) - 1) < 1e-9)
        // The removal replay's factual expectation is calibrated near the observed count.
        let removal = results[1]
        let expected = removal.details.first { $0.key == "expected_conversions" }!.value
        let observed = removal.details.first { $0.key == "observed_conversions" }!.value
        if case .number(let e) = expected, case .number(let o) = observed {
            #expect(abs(e / o - 1) < 0.25, "expected \(e), observed \(o)")
        } else {
            Issue.record("missing details")
        }
    }

    @Test func pathInputAndTooManyChannelsAreClearErrors() throws {
        let model = NeuralModel(settings: NeuralSettings(), results: [.credit, .removal])
        var journeys = JourneySet(channels: ChannelIndex())
        for c in 0..<65 { _ = journeys.channels.id(for: "c\(c)") }
        let paths = PathTable(journeys: journeys)
        #expect(throws: ModelError.self) { try model.attributeAll(AttributionInput(paths: paths, journeys: nil, hasValue: false)) }
        let error = #expect(throws: ModelError.self) {
            try model.attributeAll(AttributionInput(paths: paths, journeys: journeys, hasValue: false))
        }
        #expect(error?.message.contains("--top-channels 63") == true)
    }

    @Test func allLeavesTheNeuralModelOut() throws {
        let all = try ModelRegistry.models(["all"], options: ModelOptions()).map(\.name)
        #expect(!all.contains("neural"))
        #expect(!all.contains("neural-removal"))
        let named = try ModelRegistry.models(["all", "neural"], options: ModelOptions()).map(\.name)
        #expect(named.last == "neural" && named.count == all.count + 1)
    }

    @Test func eachNeuralResultCanBeNamedAloneAndBothShareOneFit() throws {
        let removal = try ModelRegistry.models(["neural-removal", "last-touch"], options: ModelOptions())
        #expect(removal.map(\.name) == ["last-touch", "neural-removal"])
        #expect((removal[1] as? NeuralModel)?.results == .removal)
        let credit = try ModelRegistry.models(["neural"], options: ModelOptions())
        #expect((credit[0] as? NeuralModel)?.results == .credit)
        let both = try ModelRegistry.models(["neural", "last-touch", "neural-removal"], options: ModelOptions())
        #expect(both.map(\.name) == ["last-touch", "neural"])
        #expect((both[1] as? NeuralModel)?.results == [.credit, .removal])
    }

    @Test func removalSharesThatSwingPastOneAreFlagged() {
        var journeys = JourneySet(channels: ChannelIndex())
        _ = journeys.channels.id(for: "a")
        _ = journeys.channels.id(for: "b")
        journeys.appendJourney(channels: [0, 1][...], times: [0, 1][...], converted: true, endTime: 2, value: 1)
        let input = AttributionInput(paths: PathTable(journeys: journeys), journeys: journeys, hasValue: false)
        let model = NeuralModel(settings: NeuralSettings(), results: [.credit, .removal])
        var r = NeuralIncrementality(channels: 2)
        r.incremental = [5, -4.5]
        let cancelling = model.removalResult(r, input: input)
        #expect(cancelling.shares.map { ($0 * 1e9).rounded() / 1e9 } == [10, -9])
        #expect(cancelling.messages.contains { $0.contains("unstable") })
        r.incremental = [5, 3]
        #expect(!model.removalResult(r, input: input).messages.contains { $0.contains("unstable") })
    }
}
