import AttributionCore
import Testing

/// The settings record holds every setting that changes a number, so equal records
/// (and the digest taken of them) mean equal settings.
@Suite struct RunSettingsTests {
    static func record(
        _ change: (inout ModelOptions) -> Void = { _ in }, models: [String] = ["all"],
        journeys: JourneyOptions = JourneyOptions(), intervals: IntervalOptions? = nil
    ) throws -> String {
        var options = ModelOptions()
        change(&options)
        let settings = RunSettings(models: models, conversion: "event purchase", modelOptions: options)
        let ran = try ModelRegistry.models(models, options: options)
        return JSONValue.object(settings.record(journeys: journeys, intervals: intervals, ran: ran)).serialized()
    }

    @Test func everyModelSettingChangesTheRecord() throws {
        let base = try Self.record()
        let changes: [(inout ModelOptions) -> Void] = [
            { $0.shapleyMaxPosition = 3 }, { $0.shapleyExactMax = 5 }, { $0.shapleySamples = 50 },
            { $0.markovOrder = .auto(maxOrder: 3) }, { $0.halfLifeDays = 2 }, { $0.seed = 1 },
        ]
        for change in changes { #expect(try Self.record(change) != base) }
        #expect(try Self.record { $0.markovOrder = .auto(maxOrder: 3) } != Self.record { $0.markovOrder = .auto(maxOrder: 2) })
    }

    /// The neural settings are recorded when a neural model ran, and then each one counts.
    @Test func neuralSettingsCountWhenTheNeuralModelRan() throws {
        #expect(try Self.record { $0.neural.training.epochs = 2 } == Self.record())
        let neural = ["neural", "last-touch"]
        let base = try Self.record(models: neural)
        #expect(base.contains("\"neural_epochs\": 5"))
        let changes: [(inout ModelOptions) -> Void] = [
            { $0.neural.training.epochs = 2 }, { $0.neural.lookbackDays = 3 }, { $0.neural.training.stepsPerEpoch = nil },
            { $0.neural.training.width = 8 }, { $0.neural.training.balance = false }, { $0.neural.shapley.samples = 10 },
            { $0.neural.shapley.shareError = 0 }, { $0.neural.shapley.exactLimit = 4 },
        ]
        for change in changes { #expect(try Self.record(change, models: neural) != base) }
    }

    @Test func theWindowAndIntervalsAreRecorded() throws {
        var windowed = JourneyOptions()
        windowed.window = ConversionWindow(start: 0, end: ConversionWindow.dayMs)
        let record = try Self.record(journeys: windowed, intervals: IntervalOptions(replicates: 50))
        #expect(record.contains("\"conversion_window\""))
        #expect(record.contains("\"from\": \"1970-01-01T00:00:00.000Z\""))
        #expect(record.contains("\"replicates\": 50"))
        #expect(try Self.record() != record)
    }
}
