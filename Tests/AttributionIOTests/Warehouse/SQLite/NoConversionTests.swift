import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// The paged warehouse route says which events occur when the conversion event never does.
@Suite struct WarehouseNoConversionTests {
    @Test func sqliteNamesTheEventsAndTheCaseOnlyMismatch() async throws {
        try await withTempDirAsync { dir in
            let csv = try WarehouseSourceFixture.csv(WarehouseSourceFixture.events(users: 200), in: dir)
            let db = dir.appendingPathComponent("w.db").path
            _ = try SQLiteEventImport.run(csv: csv, options: WarehouseSourceFixture.options, database: db, table: "events", mode: .refuse)
            var options = WarehouseSourceFixture.options
            options.conversion = .event("PURCHASE")
            let source = SQLiteSource(path: db, relation: .table("events"), options: options)
            do {
                // time-decay needs every event, so this reads the pages (not the push-down).
                _ = try await WarehouseSourceFixture.credits(source, models: ["time-decay"])
                Issue.record("expected an error")
            } catch let e as InputError {
                #expect(e.value == "PURCHASE")
                #expect(e.message.contains("did you mean 'purchase'? names differ only in case"), "\(e.message)")
                #expect(e.message.contains("most frequent events in 'event'"), "\(e.message)")
                #expect(e.message.contains("display (") && e.message.contains(" rows)"), "\(e.message)")
            }
        }
    }
}
