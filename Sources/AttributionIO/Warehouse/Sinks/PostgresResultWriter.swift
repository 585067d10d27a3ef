import AttributionCore
import Foundation
import PostgresNIO

/// Result tables into PostgreSQL, in one transaction; rows go in multi-row INSERTs
/// with bound parameters (never pasted into the SQL).
struct PostgresResultWriter {
    let url: PostgresURL

    static func type(_ t: SQLColumnType) -> String {
        switch t {
        case .text: "TEXT"
        case .real: "DOUBLE PRECISION"
        case .integer: "BIGINT"
        case .bool: "BOOLEAN"
        case .time: "TIMESTAMPTZ"
        }
    }

    func write(_ plan: ResultTablePlan) async throws {
        let session = try await PostgresSession.connect(url)
        do {
            try await session.execute("BEGIN")
            try await writeTables(plan, session)
            let pause = ResultTablePlan.pauseBeforeCommit
            if pause > 0 { try await Task.sleep(nanoseconds: UInt64(pause * 1e9)) }
            try await session.execute("COMMIT")
            await session.close()
        } catch {
            // Closing without COMMIT makes the server roll the transaction back.
            try? await session.execute("ROLLBACK")
            await session.close()
            if let e = error as? InputError {
                throw InputError(file: e.file, message: "writing result tables failed, nothing written: \(e.message)")
            }
            throw error
        }
    }

    private func writeTables(_ plan: ResultTablePlan, _ session: PostgresSession) async throws {
        for table in plan.tables {
            let columns = plan.columnDefinitions(table, type: Self.type)
            try await session.execute("CREATE TABLE IF NOT EXISTS \(plan.quoted(table.name)) (\(columns))")
        }
        if plan.mode == .overwrite {
            var names = plan.tables.map(\.name)
            for name in plan.clearedTables {
                var found = false
                var binds = PostgresBindings()
                binds.append(plan.prefix + name)
                try await session.forEachRow(query: "SELECT 1 FROM pg_tables WHERE tablename = $1 AND schemaname = current_schema()", binds)
                { _ in found = true }
                if found { names.append(name) }
            }
            for name in names {
                var binds = PostgresBindings()
                binds.append(plan.jobId)
                try await session.execute("DELETE FROM \(plan.quoted(name)) WHERE job_id = $1", binds)
            }
        }
        for table in plan.tables where !table.rows.isEmpty {
            let names = plan.columnList(table)
            let perInsert = max(1, 30_000 / table.columns.count)
            var start = 0
            while start < table.rows.count {
                let batch = table.rows[start..<min(start + perInsert, table.rows.count)]
                var binds = PostgresBindings(capacity: batch.count * table.columns.count)
                var tuples: [String] = []
                tuples.reserveCapacity(batch.count)
                var k = 0
                for row in batch {
                    var marks: [String] = []
                    for value in row {
                        k += 1
                        marks.append("$\(k)")
                        append(value, to: &binds)
                    }
                    tuples.append("(" + marks.joined(separator: ", ") + ")")
                }
                try await session.execute(
                    "INSERT INTO \(plan.quoted(table.name)) (\(names)) VALUES " + tuples.joined(separator: ", "), binds)
                start += perInsert
            }
        }
    }

    private func append(_ value: SQLValue, to binds: inout PostgresBindings) {
        switch value {
        case .text(let t): binds.append(t)
        case .real(let d): binds.append(d)
        case .integer(let i): binds.append(Int64(i))
        case .bool(let b): binds.append(b)
        case .time(let date): binds.append(date)
        case .null: binds.appendNull()
        }
    }
}
