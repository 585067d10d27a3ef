@testable import AttributionCore

/// Independent references and random inputs for the Shapley tests.
enum ShapleySupport {
    /// The Shapley value by its definition: the average, over every ordering of the
    /// players, of each player's marginal contribution. Only for a handful of players.
    static func bruteForce(_ players: [String], value: (Set<String>) -> Double) -> [String: Double] {
        var total = [String: Double]()
        var orderings = 0
        func walk(_ order: [String], _ rest: [String]) {
            if rest.isEmpty {
                orderings += 1
                var coalition = Set<String>()
                var before = value(coalition)
                for p in order {
                    coalition.insert(p)
                    let after = value(coalition)
                    total[p, default: 0] += after - before
                    before = after
                }
                return
            }
            for (i, p) in rest.enumerated() {
                var remaining = rest
                remaining.remove(at: i)
                walk(order + [p], remaining)
            }
        }
        walk([], players)
        return total.mapValues { $0 / Double(orderings) }
    }

    /// Paths from readable rows, summed by their set of distinct channels:
    /// set (sorted names joined by ",") → (conversions, value, nulls).
    static func channelSets(_ rows: [(String, Double, Double, Double)]) -> [Set<String>: (c: Double, v: Double, n: Double)] {
        var sets: [Set<String>: (c: Double, v: Double, n: Double)] = [:]
        for (path, c, v, n) in rows where !path.isEmpty {
            let key = Set(path.split(separator: ">").map(String.init))
            let old = sets[key] ?? (0, 0, 0)
            sets[key] = (old.c + c, old.v + v, old.n + n)
        }
        return sets
    }

    /// Random path rows over `channels` (named c0, c1, …), reproducible from `seed`.
    static func randomRows(channels: Int, paths: Int, maxLength: Int, seed: UInt64) -> [(String, Double, Double, Double)] {
        var rng = SeededGenerator(seed: seed)
        var rows: [(String, Double, Double, Double)] = []
        for _ in 0..<paths {
            let length = 1 + Int(rng.next() % UInt64(maxLength))
            let path = (0..<length).map { _ in "c\(rng.next() % UInt64(channels))" }.joined(separator: ">")
            let conversions = Double(rng.next() % 4)
            rows.append((path, conversions, conversions * Double(1 + rng.next() % 50), Double(rng.next() % 6)))
        }
        return rows
    }

    static func input(_ rows: [(String, Double, Double, Double)], hasValue: Bool = true) -> AttributionInput {
        AttributionInput(paths: Fixtures.paths(rows), journeys: nil, hasValue: hasValue)
    }

    /// shapley_rate_errors.csv as channel → standard error.
    static func standardErrors(_ r: ModelResult) -> [String: Double] {
        let table = r.tables.first { $0.fileName == "shapley_rate_errors.csv" }!
        var out: [String: Double] = [:]
        for row in table.rows {
            if case .text(let channel) = row[0], case .number(let se) = row[2] { out[channel] = se }
        }
        return out
    }

    static func detail(_ r: ModelResult, _ key: String) -> DetailValue? {
        r.details.first { $0.key == key }?.value
    }
}
