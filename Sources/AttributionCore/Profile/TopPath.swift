/// One distinct path and how it ended.
public struct TopPath: Sendable, Equatable {
    /// Channel names, first touch first.
    public var channels: [String]
    public var conversions: Double
    public var nulls: Double

    public init(channels: [String], conversions: Double, nulls: Double) {
        self.channels = channels
        self.conversions = conversions
        self.nulls = nulls
    }

    /// Conversions over journeys on this path.
    public var conversionRate: Double {
        let journeys = conversions + nulls
        return journeys > 0 ? conversions / journeys : 0
    }

    /// The `count` paths with the most conversions; ties go to the path with more
    /// journeys, then to the path text, so the list does not depend on input order.
    static func top(_ paths: PathTable, count: Int) -> [TopPath] {
        let names = paths.channels.names
        let all = (0..<paths.count).map { p in
            TopPath(channels: paths.path(p).map { names[Int($0)] }, conversions: paths.conversions[p], nulls: paths.nulls[p])
        }
        let ranked = all.filter { $0.conversions > 0 }.sorted { a, b in
            if a.conversions != b.conversions { return a.conversions > b.conversions }
            if a.nulls != b.nulls { return a.nulls > b.nulls }
            return a.channels.lexicographicallyPrecedes(b.channels)
        }
        return Array(ranked.prefix(max(count, 0)))
    }
}
