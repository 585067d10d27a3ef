/// Sums weighted credit per channel: `weight × conversions` and `weight × revenue`.
struct CreditAccumulator {
    private(set) var conversions: [Double]
    private(set) var revenue: [Double]

    init(channelCount: Int) {
        conversions = [Double](repeating: 0, count: channelCount)
        revenue = [Double](repeating: 0, count: channelCount)
    }

    @inline(__always)
    mutating func add(channel: Int32, weight: Double, conversions c: Double, value v: Double) {
        conversions[Int(channel)] += weight * c
        revenue[Int(channel)] += weight * v
    }

    func result(model: String, input: AttributionInput) -> ModelResult {
        ModelResult(
            model: model, channels: input.channels, conversions: conversions,
            revenue: input.hasValue ? revenue : nil)
    }
}

/// A rule that splits one converting path's credit over its touches.
public protocol PathRule: AttributionModel {
    /// Calls `credit(channel, weight)` for the touches of `path`; weights sum to 1.
    func split(_ path: ArraySlice<Int32>, credit: (Int32, Double) -> Void)
}

extension PathRule {
    /// One pass over the distinct paths.
    public var bootstrappable: Bool { true }

    /// Rules depend only on the channel sequence, so they run on distinct paths,
    /// not journeys: the same answer for event-level and path-level input.
    public func attribute(_ input: AttributionInput) throws -> ModelResult {
        let paths = input.paths
        var acc = CreditAccumulator(channelCount: paths.channels.count)
        for p in 0..<paths.count where paths.conversions[p] != 0 || paths.value[p] != 0 {
            let c = paths.conversions[p], v = paths.value[p]
            split(paths.path(p)) { channel, weight in
                acc.add(channel: channel, weight: weight, conversions: c, value: v)
            }
        }
        return acc.result(model: name, input: input)
    }
}
