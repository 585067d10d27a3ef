/// Simplified Shapley value (Zhao, Mahboobi & Bagheri 2018): with R(S) the conversions
/// (and revenue) of converting journeys whose set of distinct channels is exactly S,
/// φ_j = Σ_{S∋j} R(S)/|S|. It is the classic Shapley value of v(S) = Σ_{T⊆S} R(T),
/// exact for any number of channels.
///
/// Summing R(S)/|S| over sets is the same as giving each converting path's credit
/// equally to its distinct channels, so paths are credited directly: no channel-set
/// keys are needed and any vocabulary size works.
public struct SimplifiedShapley: AttributionModel {
    public let name = "shapley"

    public init() {}

    public var bootstrappable: Bool { true }

    public func attribute(_ input: AttributionInput) throws -> ModelResult {
        let paths = input.paths
        var acc = CreditAccumulator(channelCount: paths.channels.count)
        var scan = ShapleyPathChannels(channelCount: paths.channels.count)
        for p in 0..<paths.count where paths.conversions[p] != 0 || paths.value[p] != 0 {
            scan.load(paths.path(p))
            let weight = 1 / Double(scan.distinct.count)
            for c in scan.distinct {
                acc.add(channel: c, weight: weight, conversions: paths.conversions[p], value: paths.value[p])
            }
        }
        return acc.result(model: name, input: input)
    }
}
