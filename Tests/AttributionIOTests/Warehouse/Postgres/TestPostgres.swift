import Foundation
import PostgresNIO
import Testing

@testable import AttributionIO

/// The test PostgreSQL started by `scripts/test.sh` (`MTA_TEST_POSTGRES_URL`).
/// Without it the PostgreSQL tests are skipped, except on CI (`CI` set), where
/// `postgresIsThereOnCI` fails instead, so a CI run can never pass without them.
enum TestPostgres {
    static var urlText: String? {
        ProcessInfo.processInfo.environment["MTA_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }
    static var available: Bool { urlText != nil }
    static var isCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    static func url() throws -> PostgresURL { try PostgresURL(urlText ?? "") }

    /// A table name no other test (or earlier run) uses.
    static func uniqueName(_ base: String) -> String {
        "\(base)_\(UUID().uuidString.prefix(8).lowercased())"
    }

    static func execute(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) async throws {
        let session = try await PostgresSession.connect(try url())
        defer { Task { await session.close() } }
        try await session.execute(sql, binds)
    }

    /// Runs a query and returns its rows, every cell as text (nil for NULL), for any column type.
    static func rows(_ sql: String) async throws -> [[String?]] {
        let session = try await PostgresSession.connect(try url())
        var out: [[String?]] = []
        do {
            try await session.forEachRow(sql) { row in
                out.append(
                    row.map { cell in
                        guard cell.bytes != nil else { return nil }
                        switch cell.dataType {
                        case .int2, .int4, .int8: return (try? cell.decode(Int64.self)).map { String($0) }
                        case .float4, .float8: return (try? cell.decode(Double.self)).map { String($0) }
                        case .bool: return (try? cell.decode(Bool.self)).map { String($0) }
                        case .timestamp, .timestamptz: return (try? cell.decode(Date.self)).map { ISO8601DateFormatter().string(from: $0) }
                        default: return (try? cell.decode(String.self)) ?? "<\(cell.dataType)>"
                        }
                    })
            }
        } catch {
            await session.close()
            throw error
        }
        await session.close()
        return out
    }

    /// Creates `table` with `columns` (SQL definitions) and fills it with `rows`, in batches.
    static func load(_ table: String, columns: String, rows: [[any PostgresEncodable & Sendable]]) async throws {
        let session = try await PostgresSession.connect(try url())
        try await session.execute("CREATE TABLE \(table) (\(columns))")
        let width = rows.first?.count ?? 1
        let batch = max(1, 20_000 / width)
        for start in stride(from: 0, to: rows.count, by: batch) {
            var binds = PostgresBindings()
            var tuples: [String] = []
            var k = 0
            for row in rows[start..<min(start + batch, rows.count)] {
                var marks: [String] = []
                for v in row { k += 1; marks.append("$\(k)"); try binds.append(v) }
                tuples.append("(\(marks.joined(separator: ", ")))")
            }
            try await session.execute("INSERT INTO \(table) VALUES \(tuples.joined(separator: ", "))", binds)
        }
        await session.close()
    }
}

@Suite struct TestPostgresEnvironment {
    /// On CI the PostgreSQL tests must run: a missing server is a failure, not a skip.
    @Test func postgresIsThereOnCI() {
        if TestPostgres.isCI {
            #expect(TestPostgres.available, "CI is set but MTA_TEST_POSTGRES_URL is not: run the tests with scripts/test.sh")
        }
    }
}
