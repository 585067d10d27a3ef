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
        // Rank row numbers on the counts and name only the paths kept: a table has
        // hundreds of thousands of paths and the report shows ten.
        func precedes(_ a: Int, _ b: Int) -> Bool {
            if paths.conversions[a] != paths.conversions[b] { return paths.conversions[a] > paths.conversions[b] }
            if paths.nulls[a] != paths.nulls[b] { return paths.nulls[a] > paths.nulls[b] }
            return paths.path(a).lazy.map { names[Int($0)] }.lexicographicallyPrecedes(paths.path(b).lazy.map { names[Int($0)] })
        }
        let ranked = (0..<paths.count).filter { paths.conversions[$0] > 0 }.sorted(by: precedes)
        return ranked.prefix(max(count, 0)).map { p in
            TopPath(channels: paths.path(p).map { names[Int($0)] }, conversions: paths.conversions[p], nulls: paths.nulls[p])
        }
    }
}
