import Foundation

/// Touch weight 2^(-Δt / half-life), Δt = conversion time − touch time, normalized
/// within each converting journey. Needs touch times, so event-level input only.
public struct TimeDecay: AttributionModel {
    public let name = "time-decay"
    public let halfLifeDays: Double
    public init(halfLifeDays: Double = ModelOptions.defaults.halfLifeDays) { self.halfLifeDays = halfLifeDays }
    public var needsJourneys: Bool { true }
    public var bootstrappable: Bool { true }
    public var usesNullJourneys: Bool { false }

    public func attribute(_ input: AttributionInput) throws -> ModelResult {
        guard let journeys = input.journeys else {
            throw ModelError(model: name, message: "needs touch times; path-level input has none (use event-level input)")
        }
        guard halfLifeDays > 0 else {
            throw ModelError(model: name, message: "half-life must be positive, got \(halfLifeDays) days")
        }
        let halfLifeMs = halfLifeDays * 86_400_000
        var acc = CreditAccumulator(channelCount: journeys.channels.count)
        var weights: [Double] = []
        for j in 0..<journeys.count where journeys.converted[j] {
            let touches = journeys.touches(j)
            if touches.isEmpty { continue }
            weights.removeAll(keepingCapacity: true)
            // Measured from the latest touch: the common factor 2^(-(conversion − latest)/h)
            // cancels in the normalization, and long gaps cannot underflow every weight to 0.
            let latest = journeys.touchTime[touches.upperBound - 1]
            for t in touches {
                weights.append(exp2(-Double(latest - journeys.touchTime[t]) / halfLifeMs))
            }
            let total = weights.reduce(0, +)
            for (k, t) in touches.enumerated() {
                acc.add(
                    channel: journeys.touchChannel[t], weight: weights[k] / total,
                    conversions: 1, value: journeys.value[j])
            }
        }
        return acc.result(model: name, input: input)
    }
}
