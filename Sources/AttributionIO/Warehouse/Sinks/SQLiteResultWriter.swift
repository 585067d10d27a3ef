import AttributionCore
import Foundation

/// Result tables into a SQLite file, in one transaction.
struct SQLiteResultWriter {
    let path: String

    static func type(_ t: SQLColumnType) -> String {
        switch t {
        case .text, .time: "TEXT"
        case .real: "REAL"
        case .integer, .bool: "INTEGER"
        }
    }

    func write(_ plan: ResultTablePlan) throws {
        let db: SQLiteDatabase
        do { db = try SQLiteDatabase(path: path, mode: .create) } catch let e as SQLiteError {
            throw InputError(file: path, message: "cannot open the SQLite database for result tables: \(e.message)")
        }
        do {
            try db.transaction {
                for table in plan.tables {
                    let columns = plan.columnDefinitions(table, type: Self.type)
                    try db.execute("CREATE TABLE IF NOT EXISTS \(plan.quoted(table.name)) (\(columns))")
                }
                if plan.mode == .overwrite {
                    let existing = try plan.clearedTables.filter { try db.relationExists(plan.prefix + $0) }
                    for name in plan.tables.map(\.name) + existing {
                        let delete = try db.prepare("DELETE FROM \(plan.quoted(name)) WHERE job_id = ?1")
                        delete.bind(1, plan.jobId)
                        try delete.step()
                    }
                }
                for table in plan.tables where !table.rows.isEmpty {
                    let names = plan.columnList(table)
                    let marks = (1...table.columns.count).map { "?\($0)" }.joined(separator: ", ")
                    let insert = try db.prepare("INSERT INTO \(plan.quoted(table.name)) (\(names)) VALUES (\(marks))")
                    for row in table.rows {
                        insert.reset()
                        for (k, value) in row.enumerated() { bind(insert, Int32(k + 1), value) }
                        try insert.step()
                    }
                }
                let pause = ResultTablePlan.pauseBeforeCommit
                if pause > 0 { Thread.sleep(forTimeInterval: pause) }
            }
        } catch let e as SQLiteError {
            throw InputError(file: path, message: "writing result tables failed, nothing written: \(e.message)")
        }
    }

    private func bind(_ s: SQLiteStatement, _ k: Int32, _ value: SQLValue) {
        switch value {
        case .text(let t): s.bind(k, t)
        case .real(let d): s.bind(k, d)
        case .integer(let i): s.bind(k, Int64(i))
        case .bool(let b): s.bind(k, Int64(b ? 1 : 0))
        case .time(let date): s.bind(k, ISOTimestamp.string(Int64((date.timeIntervalSince1970 * 1000).rounded())))
        case .null: s.bindNull(k)
        }
    }
}
