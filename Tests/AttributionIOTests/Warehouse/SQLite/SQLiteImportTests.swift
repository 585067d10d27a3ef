import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// `mta import`'s load: CSV → SQLite table, read back as the same events, all or nothing.
@Suite struct SQLiteImportTests {
    @Test func isoTimestampsReadBackToTheSameMillisecond() {
        for ms: Int64 in [
            0, 1, 999, 1_704_067_200_000, 1_704_067_200_250, 951_782_400_000 /* 2000-02-29 */, 4_102_444_799_999, -1, -86_400_001,
        ] {
            let text = ISOTimestamp.string(ms)
            #expect(text.count == 24)
            #expect(TimestampParser.parse(text) == ms, "\(ms) → \(text)")
        }
        #expect(ISOTimestamp.string(1_704_067_200_250) == "2024-01-01T00:00:00.250Z")
    }

    @Test func roundTripGivesTheSameEventTable() async throws {
        try await withTempDirAsync { dir in
            let csv = try writeFile(
                dir, "e.csv",
                #"""
                user_id,event,timestamp,revenue
                u1,email,2024-01-01T10:00:00Z,
                "u,2","say ""hi""",2024-01-01 11:00:00.125,
                u1,purchase,2024-01-02,100.5
                "u,2",purchase,1704189600000,
                u3,émail,1704103200,

                """#)
            let db = dir.appendingPathComponent("t.db").path
            let options = WarehouseSourceFixture.options
            let report = try SQLiteEventImport.run(csv: csv, options: options, database: db, table: "events", mode: .refuse)
            #expect(report.rows == 5)
            let (expected, _) = try EventCSVReader.read(path: csv, options: options)
            let source = SQLiteSource(path: db, relation: .table("events"), options: options)
            // Every touch, time (to the millisecond) and conversion comes back: every-conversion
            // journeys keep them all, the touches after a user's last conversion included.
            let journeys = JourneyOptions(rule: .everyConversion)
            guard
                case .journeys(let got, let read, let events) = try await source.load(SourceRequest(journeys: journeys, needsEvents: true))
            else {
                Issue.record("expected journeys"); return
            }
            #expect(read.rows == 5 && events == 5)
            let want = JourneyBuilder.build(expected, options: journeys)
            #expect(described(got) == described(want), "\(described(got)) vs \(described(want))")
            #expect(Set(got.channels.names) == Set(expected.channels.names) && got.userCount == expected.userCount)
        }
    }

    @Test func aBadRowNamesFileLineColumnValueAndLeavesTheDatabaseAlone() throws {
        try withTempDir { dir in
            let db = dir.appendingPathComponent("t.db").path
            let good = try writeFile(dir, "good.csv", "user_id,event,timestamp,revenue\nu1,email,2024-01-01,\nu1,purchase,2024-01-02,3\n")
            let bad = try writeFile(dir, "bad.csv", "user_id,event,timestamp,revenue\nu9,email,2024-01-01,\nu9,purchase,yesterday,3\n")
            _ = try SQLiteEventImport.run(csv: good, options: WarehouseSourceFixture.options, database: db, table: "events", mode: .refuse)
            let e = inputError {
                _ = try SQLiteEventImport.run(
                    csv: bad, options: WarehouseSourceFixture.options, database: db, table: "events", mode: .replace)
            }
            #expect(e?.file == bad && e?.line == 3 && e?.column == "timestamp" && e?.value == "yesterday", "\(String(describing: e))")
            // The replaced table is still the old one, whole.
            let check = try SQLiteDatabase(path: db, mode: .readOnly)
            let s = try check.prepare("SELECT group_concat(user_id) FROM events")
            #expect(try s.step() && s.text(0) == "u1,u1")
        }
    }

    @Test func anExistingTableIsRefusedUnlessReplacedOrAppended() throws {
        try withTempDir { dir in
            let db = dir.appendingPathComponent("t.db").path
            let csv = try writeFile(dir, "e.csv", "user_id,event,timestamp,revenue\nu1,email,2024-01-01,\nu1,purchase,2024-01-02,3\n")
            let o = WarehouseSourceFixture.options
            _ = try SQLiteEventImport.run(csv: csv, options: o, database: db, table: "events", mode: .refuse)
            let e = inputError { _ = try SQLiteEventImport.run(csv: csv, options: o, database: db, table: "events", mode: .refuse) }
            #expect(e?.message.contains("already exists") == true)
            _ = try SQLiteEventImport.run(csv: csv, options: o, database: db, table: "events", mode: .append)
            func count() throws -> Int64 {
                let s = try SQLiteDatabase(path: db, mode: .readOnly).prepare("SELECT count(*) FROM events")
                _ = try s.step()
                return s.int64(0)
            }
            #expect(try count() == 4)
            _ = try SQLiteEventImport.run(csv: csv, options: o, database: db, table: "events", mode: .replace)
            #expect(try count() == 2)
        }
    }

    @Test func hostileTableNamesAreRefusedBeforeAnythingIsWritten() throws {
        try withTempDir { dir in
            let db = dir.appendingPathComponent("t.db").path
            let csv = try writeFile(dir, "e.csv", "user_id,event,timestamp\nu1,purchase,2024-01-01\n")
            for name in ["x\"; DROP TABLE y; --", "a;b", "it's", "1abc", "a.b.c"] {
                let e = inputError {
                    _ = try SQLiteEventImport.run(
                        csv: csv, options: EventInputOptions(conversion: .event("purchase")), database: db, table: name, mode: .refuse)
                }
                #expect(e?.value == name, "\(name)")
            }
        }
    }
}

/// `withTempDir` for async bodies.
func withTempDirAsync<R>(_ body: (URL) async throws -> R) async throws -> R {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mta-io-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    return try await body(dir)
}

/// Each journey as text (channel names, times, outcome), sorted: a database returns users in its own order.
func described(_ j: JourneySet) -> [String] {
    (0..<j.count).map { k in
        let t = j.touches(k)
        return zip(j.touchChannel[t], j.touchTime[t]).map { "\(j.channels[$0.0])@\($0.1)" }.joined(separator: ">")
            + " \(j.converted[k]) \(j.endTime[k]) \(j.value[k])"
    }.sorted()
}
