import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// attribution_intervals.csv, the intervals in attribution.json, and their result table.
@Suite struct IntervalFilesTests {
    /// Two models on three channels; only `linear` has intervals (as if `neural` were excluded).
    static func document() -> AttributionDocument {
        let channels = ChannelIndex(names: ["search", "email", "tv, radio"])
        let linear = ModelResult(model: "linear", channels: channels, conversions: [1, 2, 1], revenue: nil)
        let neural = ModelResult(model: "neural", channels: channels, conversions: [2, 1, 1], revenue: nil)
        var doc = AttributionDocument(
            input: "events.csv", format: "events",
            summary: JourneySummary(paths: PathTable(channels: channels), journeys: nil, hasValue: false),
            read: ReadReport(), outcomes: [.success(linear), .success(neural)], settings: [])
        let intervals = [
            CreditInterval(conversionsLow: 0.5, conversionsHigh: 1.5, shareLow: 0.125, shareHigh: 0.375),
            CreditInterval(conversionsLow: 1.25, conversionsHigh: 3, shareLow: 0.375, shareHigh: 0.625),
            CreditInterval(conversionsLow: 0, conversionsHigh: 2, shareLow: 0, shareHigh: 0.5),
        ]
        doc.intervals = IntervalReport(
            options: IntervalOptions(replicates: 200, seed: 7),
            models: [ModelIntervals(model: "linear", channels: channels, intervals: intervals, replicates: 200)],
            excludedModels: ["neural"])
        doc.jobId = "job-1"
        return doc
    }

    @Test func csvListsEachModelsChannelsByName() {
        #expect(
            IntervalFiles.csv(Self.document().intervals!) == """
                model,channel,conversions_low,conversions_high,share_low,share_high
                linear,email,1.25,3,0.375,0.625
                linear,search,0.5,1.5,0.125,0.375
                linear,"tv, radio",0,2,0,0.5

                """)
    }

    @Test func jsonCarriesTheMethodAndEachChannelsInterval() throws {
        let doc = Self.document()
        let json = try JSONSerialization.jsonObject(with: Data(ResultFiles.json(doc).serialized().utf8)) as! [String: Any]
        let intervals = json["intervals"] as! [String: Any]
        #expect(intervals["replicates"] as? Int == 200)
        #expect(intervals["level"] as? Double == 0.95)
        #expect(intervals["seed"] as? Int == 7)
        #expect(intervals["covers"] as? String == "sampling noise of the journeys, not model error")
        #expect(intervals["without_interval"] as? [String] == ["neural"])
        let models = json["models"] as! [[String: Any]]
        let linear = models[0]["channels"] as! [[String: Any]]
        #expect(models[0]["interval_replicates"] as? Int == 200)
        let email = linear[0]["interval"] as! [String: Double]
        #expect(linear[0]["channel"] as? String == "email")
        #expect(email == ["conversions_low": 1.25, "conversions_high": 3, "share_low": 0.375, "share_high": 0.625])
        #expect((models[1]["channels"] as! [[String: Any]]).allSatisfy { $0["interval"] == nil })
        #expect(models[1]["interval_replicates"] == nil)
    }

    @Test func stagedBesideAttributionCSVOnlyWithIntervals() {
        var staging = OutputStaging(directory: URL(fileURLWithPath: "/nonexistent"))
        ResultFiles.stage(Self.document(), into: &staging)
        #expect(staging.names.contains(IntervalFiles.fileName))
        var without = Self.document()
        without.intervals = nil
        var plain = OutputStaging(directory: URL(fileURLWithPath: "/nonexistent"))
        ResultFiles.stage(without, into: &plain)
        #expect(!plain.names.contains(IntervalFiles.fileName))
        #expect(!ResultFiles.json(without).serialized().contains("interval"))
    }

    /// The table holds the CSV's rows; a later run of the same job without intervals clears them.
    @Test func sqliteTableMatchesTheCSVAndIsClearedOnOverwrite() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mta-intervals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try WarehouseSourceFixture.csv(WarehouseSourceFixture.events(users: 400), in: dir)
        var pipeline = AttributionPipeline(
            source: CSVEventSource(path: csv, options: WarehouseSourceFixture.options),
            journeys: JourneyOptions(),
            models: try ModelRegistry.models(["first-touch", "markov", "time-decay"], options: ModelOptions()))
        pipeline.intervals = IntervalOptions(replicates: 40, seed: 3)
        let doc = try await pipeline.run(jobId: "job-i").0
        #expect(doc.timings.contains { $0.stage.hasPrefix("intervals") })
        let db = dir.appendingPathComponent("results.db").path
        let sink = try DatabaseSink(target: .sqlite(path: db))
        let written = try await sink.publish(doc)
        #expect(written.contains { $0.0 == "mta_attribution_intervals" && $0.1 == 3 * doc.summary.channels })
        let rows = try await DatabaseSinkTests.sqliteRows(db)(
            "SELECT model, channel, conversions_low, conversions_high, share_low, share_high FROM mta_attribution_intervals WHERE job_id = 'job-i' ORDER BY rowid"
        )
        let fileRows = IntervalFiles.csv(doc.intervals!).split(separator: "\n").dropFirst().map {
            $0.split(separator: ",").map(String.init)
        }
        #expect(rows.count == fileRows.count)
        for (row, file) in zip(rows, fileRows) {
            #expect(row[0] == file[0] && row[1] == file[1])
            // The file is rounded (10 significant digits, or the integer within 1e-9); the table is not.
            for k in 2..<6 {
                let f = Double(file[k])!
                #expect(abs(Double(row[k]!)! - f) <= 1e-9 * abs(f) + 1e-12 * max(1, abs(f)))
            }
        }
        pipeline.intervals = nil
        try await sink.publish(try await pipeline.run(jobId: "job-i").0)
        #expect(try await DatabaseSinkTests.counts("mta_attribution_intervals", DatabaseSinkTests.sqliteRows(db)).isEmpty)
    }
}
