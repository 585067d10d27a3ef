import AttributionCore
import Foundation
import PostgresNIO

@testable import AttributionIO

/// One synthetic data set as a CSV file, a SQLite table (through `mta import`'s
/// code) and a PostgreSQL table, and the credits every model gives on each.
enum WarehouseSourceFixture {
    static let pathModels = [
        "first-touch", "last-touch", "linear", "position-based", "markov", "shapley", "shapley-ordered", "shapley-rate",
    ]
    static let allModels = pathModels + ["time-decay"]

    static var options: EventInputOptions {
        var o = EventInputOptions(conversion: .event("purchase"))
        o.valueColumn = "revenue"
        return o
    }

    static func events(users: Int = 600, seed: UInt64 = 7) -> EventTable {
        var config = SyntheticTouchpoints.Config(users: users)
        config.seed = seed
        return SyntheticTouchpoints.generate(config)
    }

    /// Writes the CSV and returns its path.
    static func csv(_ events: EventTable, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("events.csv").path
        try EventCSVWriter.write(events, conversionEvent: "purchase", to: path)
        return path
    }

    /// (model/channel) → (conversions, revenue) for `models` run on `source`.
    static func credits(_ source: any AttributionSource, models: [String], journeys: JourneyOptions = JourneyOptions())
        async throws -> (credits: [String: (Double, Double)], format: String)
    {
        let pipeline = AttributionPipeline(
            source: source, journeys: journeys,
            models: try ModelRegistry.models(models, options: ModelOptions()))
        let (doc, snapshot) = try await pipeline.run()
        var out: [String: (Double, Double)] = [:]
        for r in doc.results {
            for c in 0..<r.channels.count { out["\(r.model)/\(r.channels.names[c])"] = (r.conversions[c], r.revenue?[c] ?? .nan) }
        }
        return (out, snapshot.input.journeys == nil ? "paths" : "events")
    }

    /// Nil when both credit maps agree within a relative 1e-9 (sums in another order), else the first differences.
    static func difference(_ a: [String: (Double, Double)], _ b: [String: (Double, Double)]) -> String? {
        guard Set(a.keys) == Set(b.keys) else { return "different keys: \(Set(a.keys).symmetricDifference(b.keys).sorted().prefix(5))" }
        let bad = a.keys.sorted().filter { k in
            let (x, y) = (a[k]!, b[k]!)
            return abs(x.0 - y.0) > 1e-9 * max(1, abs(x.0)) || abs(x.1 - y.1) > 1e-9 * max(1, abs(x.1))
        }
        return bad.isEmpty ? nil : bad.prefix(5).map { "\($0): \(a[$0]!) vs \(b[$0]!)" }.joined(separator: "; ")
    }

    /// The events as a PostgreSQL table `user_id TEXT, event TEXT, timestamp TIMESTAMPTZ, revenue DOUBLE PRECISION`.
    static func postgresTable(_ events: EventTable) async throws -> String {
        let name = TestPostgres.uniqueName("events")
        let rows: [[any PostgresEncodable & Sendable]] = (0..<events.count).map { i in
            let c = events.channel[i]
            // Touch rows carry no revenue; NaN is stored as NULL below.
            let revenue: Double = events.isConversion[i] ? events.value[i] : .nan
            return ["u\(events.user[i])", c >= 0 ? events.channels[c] : "purchase", ISOTimestamp.string(events.time[i]), revenue]
        }
        try await TestPostgres.load(name, columns: "user_id TEXT, event TEXT, \"timestamp\" TEXT, revenue DOUBLE PRECISION", rows: rows)
        try await TestPostgres.execute("ALTER TABLE \(name) ALTER COLUMN \"timestamp\" TYPE TIMESTAMPTZ USING \"timestamp\"::timestamptz")
        try await TestPostgres.execute("UPDATE \(name) SET revenue = NULL WHERE revenue = 'NaN'")
        return name
    }
}
