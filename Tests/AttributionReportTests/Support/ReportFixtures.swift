import AttributionCore
import AttributionIO
import Foundation

/// Documents built by running the real models on synthetic journeys, so the report is
/// tested against what the pipeline actually produces.
enum ReportFixtures {
    static let day: Int64 = 86_400_000

    /// Realistic names with a few very long ones, as warehouse campaign names often are.
    static func channelNames(_ n: Int) -> [String] {
        let base = [
            "email", "paid_search", "display", "social_organic", "affiliate", "direct", "referral", "video",
            "Display — Programmatic Retargeting (EMEA, Q3 prospecting, lookalike 2 %)",
            "podcast", "push", "sms", "tv_brand_campaign_national_prime_time_slots", "influencer", "print",
            "WWWWWWWWWWWWWWWWWWWWWWWW", "partner_newsletter_cobranded_spring_promotion_2024", "app_store",
        ]
        return (0..<n).map { i in i < base.count ? base[i] : "campaign_\(i)_\(i % 3 == 0 ? "retargeting_lookalike_audience" : "search")" }
    }

    /// Users touch 1–7 channels over up to 40 days; conversion odds rise with the first
    /// few channels, so the models disagree on something.
    static func events(channels names: [String], users: Int, seed: UInt64 = 7) -> EventTable {
        var rng = SeededGenerator(seed: seed)
        var table = EventTable()
        let ids = names.map { table.channels.id(for: $0) }
        let start: Int64 = 1_717_200_000_000  // 2024-06-01
        for u in 0..<users {
            let touches = 1 + Int(rng.nextUnit() * rng.nextUnit() * 7)
            var t = start + Int64(rng.nextUnit() * 10 * Double(day))
            var score = 0.0
            for _ in 0..<touches {
                // Skewed channel choice: low ids are reached far more often.
                let k = Int(Double(ids.count) * pow(rng.nextUnit(), 2.2))
                table.append(user: Int32(u), channel: ids[min(k, ids.count - 1)], time: t, isConversion: false, value: 0)
                score += k < 3 ? 0.12 : 0.05
                t += Int64(rng.nextUnit() * rng.nextUnit() * 9 * Double(day))
            }
            if rng.nextUnit() < score {
                t += Int64(rng.nextUnit() * 30 * 3_600_000)
                table.append(user: Int32(u), channel: -1, time: t, isConversion: true, value: 20 + (rng.nextUnit() * 180).rounded())
            }
        }
        table.userCount = users
        return table
    }

    static func modelOptions(exactMax: Int = 12) -> ModelOptions {
        var o = ModelOptions()
        o.shapleyExactMax = exactMax
        o.shapleySamples = 200
        // A tiny network: the report needs the neural tables, not a good model.
        o.neural.lookbackDays = 5
        o.neural.training.width = 4
        o.neural.training.layers = 1
        o.neural.training.epochs = 2
        o.neural.training.stepsPerEpoch = 20
        o.neural.training.batchSize = 256
        o.neural.training.balance = true
        o.neural.shapley.exactLimit = 8
        o.neural.shapley.samples = 40
        return o
    }

    /// A full event-level document: every model, profile, spend (with a channel that got
    /// no credit), settings and timings.
    static func document(channels n: Int, users: Int = 3_000, exactMax: Int = 12) throws -> AttributionDocument {
        let names = channelNames(n)
        let events = events(channels: names, users: users)
        let journeys = JourneyBuilder.build(events)
        let paths = PathTable(journeys: journeys)
        let input = AttributionInput(paths: paths, journeys: journeys, hasValue: true)
        let outcomes = AttributionRun.run(
            try ModelRegistry.models(["all", "neural", "neural-removal"], options: modelOptions(exactMax: exactMax)), on: input)
        var read = ReadReport()
        read.rows = events.count
        var doc = AttributionDocument(
            input: "events.csv", format: "events",
            summary: JourneySummary(paths: paths, journeys: journeys, hasValue: true),
            read: read, outcomes: outcomes,
            settings: [
                ("journey", .string("first-conversion")), ("models", .string("all,neural,neural-removal")),
                ("database_password", .string("***")),
            ])
        doc.jobId = "job-\(n)"
        doc.runAt = Date(timeIntervalSince1970: 1_717_900_000)
        doc.timings = [("read events", 0.125), ("cut journeys", 0.03), ("models", 1.5)]
        doc.profile = DataProfile(paths: paths, journeys: journeys, hasValue: true, events: events.count)
        var spendRows = names.enumerated().map { SpendTable.Row(channel: $1, period: nil, amount: Double(500 + 137 * $0)) }
        spendRows.append(SpendTable.Row(channel: "billboards", period: nil, amount: 900))
        doc.spend = SpendTable(source: "spend.csv", rows: spendRows).spend(in: AnalysisWindow(journeys: journeys))
        return doc
    }

    /// Path-level input: time decay fails (it needs touch times), the others succeed.
    /// Paths are written `a|b|c` so channel names may hold `>`.
    static func pathDocument(_ rows: [(String, Double, Double, Double)]) throws -> AttributionDocument {
        var channels = ChannelIndex()
        let parsed = rows.map { ($0.0.split(separator: "|").map { channels.id(for: String($0)) }, $0) }
        var builder = PathTableBuilder(channels: channels)
        for (steps, row) in parsed { builder.add(steps[...], conversions: row.1, value: row.2, nulls: row.3) }
        let paths = builder.table
        let input = AttributionInput(paths: paths, journeys: nil, hasValue: true)
        let outcomes = AttributionRun.run(try ModelRegistry.models(["all"], options: modelOptions()), on: input)
        var doc = AttributionDocument(
            input: "paths.csv", format: "paths",
            summary: JourneySummary(paths: paths, journeys: nil, hasValue: true),
            read: ReadReport(), outcomes: outcomes, settings: [])
        doc.profile = DataProfile(paths: paths, journeys: nil, hasValue: true)
        return doc
    }
}
