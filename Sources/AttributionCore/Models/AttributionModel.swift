/// What every attribution model sees.
public struct AttributionInput: Sendable {
    public let paths: PathTable
    /// Present for event-level input; models that need touch times (time decay) require it.
    public let journeys: JourneySet?
    /// Whether revenue was supplied; without it models report no revenue.
    public let hasValue: Bool

    public init(paths: PathTable, journeys: JourneySet?, hasValue: Bool) {
        self.paths = paths
        self.journeys = journeys
        self.hasValue = hasValue
    }

    public var channels: ChannelIndex { paths.channels }
}

/// One attribution model. A model is one file implementing this protocol,
/// registered once in `ModelRegistry`.
public protocol AttributionModel: Sendable {
    /// The name in `--models` and in the `model` column of the results.
    var name: String { get }
    func attribute(_ input: AttributionInput) throws -> ModelResult
    /// Every result the model gives: one by default; a model may give several from
    /// one fit (the neural model's Shapley credit and its removal effects).
    func attributeAll(_ input: AttributionInput) throws -> [ModelResult]
    /// True when the model needs touch times (event-level journeys), so a
    /// warehouse source must send events rather than a pushed-down path table.
    var needsJourneys: Bool { get }
    /// Whether one fit is quick enough to repeat for bootstrap intervals (hundreds of
    /// refits). Off unless a model says so: a model that trains for minutes gets none.
    var bootstrappable: Bool { get }
    /// Whether an event-level model reads null journeys. Time decay credits converting
    /// journeys only, so its bootstrap replicates need copy no others.
    var usesNullJourneys: Bool { get }
    /// The results it gives, by name (`neural` and `neural-removal` from one merged fit).
    var resultNames: [String] { get }
    /// One model doing the work of both, when two selected models share one fit
    /// (`neural` and `neural-removal`); nil otherwise.
    func merged(with other: any AttributionModel) -> (any AttributionModel)?
}

extension AttributionModel {
    public var needsJourneys: Bool { false }
    public var resultNames: [String] { [name] }
    public var bootstrappable: Bool { false }
    public var usesNullJourneys: Bool { true }
    public func attributeAll(_ input: AttributionInput) throws -> [ModelResult] { [try attribute(input)] }
    public func merged(with other: any AttributionModel) -> (any AttributionModel)? { nil }
}

/// Errors a model raises about its input.
public struct ModelError: Error, Sendable, CustomStringConvertible, Equatable {
    public let model: String
    public let message: String
    public init(model: String, message: String) {
        self.model = model
        self.message = message
    }
    public var description: String { "\(model): \(message)" }
}
