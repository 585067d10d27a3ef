/// Ordered Shapley value (Zhao, Mahboobi & Bagheri 2018): the simplified Shapley credit
/// R(S)/|S| a converting journey gives channel j is split equally over the touch
/// positions (1st, 2nd, … touch of the path) where j appears. Positions past
/// `maxPosition` are folded into position `maxPosition`, which then means "that touch
/// or later".
///
/// Per-channel totals equal `SimplifiedShapley`'s; the position breakdown is written
/// to `shapley_ordered.csv` (channel, position, conversions, share of all credited
/// conversions), one row per channel (by name) and position up to the longest credited
/// path (capped at `maxPosition`), zero cells included so the grid is complete.
public struct OrderedShapley: AttributionModel {
    public let name = "shapley-ordered"
    /// Its detail table: credit by channel and touch position.
    public static let positionsTable = "shapley_ordered"
    public let maxPosition: Int

    public init(maxPosition: Int = ModelOptions.defaults.shapleyMaxPosition) { self.maxPosition = maxPosition }

    public var bootstrappable: Bool { true }

    public func attribute(_ input: AttributionInput) throws -> ModelResult {
        guard maxPosition >= 1 else {
            throw ModelError(model: name, message: "the largest position must be at least 1 (got \(maxPosition))")
        }
        let paths = input.paths
        let channelCount = paths.channels.count
        var acc = CreditAccumulator(channelCount: channelCount)
        var scan = ShapleyPathChannels(channelCount: channelCount)
        // cells[channel * maxPosition + position]: conversions credited at that position.
        var cells = [Double](repeating: 0, count: channelCount * maxPosition)
        var positionsUsed = 0
        for p in 0..<paths.count where paths.conversions[p] != 0 || paths.value[p] != 0 {
            let path = paths.path(p)
            scan.load(path)
            let perChannel = 1 / Double(scan.distinct.count)
            let c = paths.conversions[p], v = paths.value[p]
            for (k, channel) in path.enumerated() {
                let weight = perChannel / Double(scan.occurrences[Int(channel)])
                let position = min(k, maxPosition - 1)
                cells[Int(channel) * maxPosition + position] += weight * c
                acc.add(channel: channel, weight: weight, conversions: c, value: v)
            }
            positionsUsed = max(positionsUsed, min(path.count, maxPosition))
        }
        var result = acc.result(model: name, input: input)
        result.tables = [positionTable(cells: cells, positions: positionsUsed, channels: paths.channels)]
        // Positions past this are folded into the last one (its column reads "N+").
        result.details.append((key: "max_position", value: .integer(maxPosition)))
        return result
    }

    private func positionTable(cells: [Double], positions: Int, channels: ChannelIndex) -> DetailTable {
        let total = cells.reduce(0, +)
        var table = DetailTable(kind: OrderedShapley.positionsTable, header: ["channel", "position", "conversions", "share"])
        for channel in (0..<channels.count).sorted(by: { channels.names[$0] < channels.names[$1] }) {
            for position in 0..<positions {
                let credit = cells[channel * maxPosition + position]
                table.rows.append([
                    .text(channels.names[channel]), .integer(position + 1),
                    .number(credit), .number(total != 0 ? credit / total : 0),
                ])
            }
        }
        return table
    }
}
