/// How many journeys touched a channel at least once (repeats count once).
public struct ChannelReach: Sendable, Equatable {
    public var channel: String
    public var journeys: Double
    public var convertingJourneys: Double

    public init(channel: String, journeys: Double, convertingJourneys: Double) {
        self.channel = channel
        self.journeys = journeys
        self.convertingJourneys = convertingJourneys
    }

    /// Converting journeys over journeys touching the channel.
    public var conversionRate: Double { journeys > 0 ? convertingJourneys / journeys : 0 }

    /// Every channel of the table, most journeys first, then by name.
    static func reach(_ paths: PathTable) -> [ChannelReach] {
        let n = paths.channels.count
        var journeys = [Double](repeating: 0, count: n)
        var converting = [Double](repeating: 0, count: n)
        // Marks which channels the current path already counted; stamping with the
        // path number avoids clearing the array for every path.
        var seenIn = [Int](repeating: -1, count: n)
        for p in 0..<paths.count {
            for c in paths.path(p) where seenIn[Int(c)] != p {
                seenIn[Int(c)] = p
                journeys[Int(c)] += paths.conversions[p] + paths.nulls[p]
                converting[Int(c)] += paths.conversions[p]
            }
        }
        let names = paths.channels.names
        return (0..<n).map { ChannelReach(channel: names[$0], journeys: journeys[$0], convertingJourneys: converting[$0]) }
            .sorted { $0.journeys != $1.journeys ? $0.journeys > $1.journeys : $0.channel < $1.channel }
    }
}
