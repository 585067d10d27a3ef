import AttributionCore
import Crypto
import Foundation

/// A value in a result row, typed so each database stores it natively.
public enum SQLValue: Sendable, Equatable {
    case text(String)
    case real(Double)
    case integer(Int)
    case bool(Bool)
    case time(Date)
    case null
}

/// The column types result tables use, spelt per database by the writer.
public enum SQLColumnType: Sendable {
    case text, real, integer, bool, time
}

/// One result table of a run: its name without the prefix, typed columns, rows.
public struct ResultTable: Sendable {
    public var name: String
    public var columns: [(name: String, type: SQLColumnType)]
    public var rows: [[SQLValue]]
}

/// A run's document as database tables, every row led by `job_id` and `run_at`:
/// `attribution` (the credits), one table per kind of model detail table
/// (`markov_removal_effects`, `markov_transitions`, `shapley_ordered`, …: each
/// `DetailTable` goes to the table named by its kind, with a `model` column),
/// and `runs` (one row per model: times, source, settings digest, status, counts).
public enum ResultTables {
    public static let attribution = "attribution"
    public static let intervals = "attribution_intervals"
    public static let runs = "runs"

    public static func tables(_ doc: AttributionDocument, endedAt: Date) -> [ResultTable] {
        let key: [SQLValue] = [.text(doc.jobId), .time(doc.runAt)]
        let lead: [(String, SQLColumnType)] = [("job_id", .text), ("run_at", .time)]
        var credits = ResultTable(
            name: attribution,
            columns: lead + [
                ("model", .text), ("channel", .text), ("conversions", .real),
                ("share", .real), ("revenue", .real),
            ], rows: [])
        var details: [String: ResultTable] = [:]
        var detailOrder: [String] = []
        var written: [String: Int] = [:]
        for r in doc.results {
            let shares = r.shares
            for c in ResultFiles.channelOrder(r.channels) {
                credits.rows.append(
                    key + [
                        .text(r.model), .text(r.channels.names[c]), .real(r.conversions[c]),
                        .real(shares[c]), r.revenue.map { .real($0[c]) } ?? .null,
                    ])
            }
            written[r.model, default: 0] += r.channels.count
            for table in r.tables {
                let name = table.kind
                if details[name] == nil {
                    details[name] = ResultTable(name: name, columns: lead + [("model", .text)] + columnTypes(table), rows: [])
                    detailOrder.append(name)
                }
                for row in table.rows { details[name]!.rows.append(key + [.text(r.model)] + row.map(value)) }
                written[r.model, default: 0] += table.rows.count
            }
        }
        var extra: [ResultTable] = []
        if let report = doc.intervals {
            let table = intervalTable(report, key: key, lead: lead)
            for m in report.models { written[m.model, default: 0] += m.channels.count }
            extra.append(table)
        }
        return [credits] + extra + detailOrder.map { details[$0]! } + [runsTable(doc, endedAt: endedAt, written: written)]
    }

    /// `attribution_intervals.csv` as a table: the same columns, led by the job.
    static func intervalTable(_ report: IntervalReport, key: [SQLValue], lead: [(String, SQLColumnType)]) -> ResultTable {
        let bounds = IntervalFiles.header.dropFirst(2).map { ($0, SQLColumnType.real) }
        var table = ResultTable(name: intervals, columns: lead + [("model", .text), ("channel", .text)] + bounds, rows: [])
        for m in report.models {
            for c in ResultFiles.channelOrder(m.channels) {
                let i = m.intervals[c]
                table.rows.append(
                    key + [
                        .text(m.model), .text(m.channels.names[c]), .real(i.conversionsLow),
                        .real(i.conversionsHigh), .real(i.shareLow), .real(i.shareHigh),
                    ])
            }
        }
        return table
    }

    /// A column's type from its values: all numbers → real (integers only → integer), flags → bool, else text.
    static func columnTypes(_ table: DetailTable) -> [(String, SQLColumnType)] {
        table.header.enumerated().map { k, name in
            var integer = true, number = true, flag = true
            for row in table.rows where k < row.count {
                switch row[k] {
                case .integer: flag = false
                case .number: integer = false; flag = false
                case .flag: integer = false; number = false
                case .text: integer = false; number = false; flag = false
                }
            }
            let cleaned = String(name.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) ? Character($0) : "_" })
            let type: SQLColumnType = table.rows.isEmpty ? .text : integer ? .integer : number ? .real : flag ? .bool : .text
            return (cleaned.lowercased(), type)
        }
    }

    static func value(_ v: DetailValue) -> SQLValue {
        switch v {
        case .number(let d): d.isFinite ? .real(d) : .null
        case .integer(let i): .integer(i)
        case .text(let s): .text(s)
        case .flag(let b): .bool(b)
        }
    }

    /// sha256 of the settings record as `attribution.json` writes it (`RunSettings`: every
    /// setting that changes a number), so equal digests mean equal settings.
    public static func settingsDigest(_ doc: AttributionDocument) -> String {
        let json = JSONValue.object(doc.settings).serialized()
        return SHA256.hash(data: Data(json.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func runsTable(_ doc: AttributionDocument, endedAt: Date, written: [String: Int]) -> ResultTable {
        var table = ResultTable(
            name: runs,
            columns: [
                ("job_id", .text), ("run_at", .time), ("ended_at", .time), ("source", .text), ("settings_sha256", .text),
                ("settings", .text), ("model", .text), ("status", .text), ("error", .text),
                ("rows_read", .integer), ("rows_skipped", .integer), ("journeys", .real), ("distinct_paths", .integer),
                ("result_rows", .integer),
            ], rows: [])
        let digest = settingsDigest(doc)
        let settings = JSONValue.object(doc.settings).serialized()
        for outcome in doc.outcomes {
            let (model, status, error): (String, String, SQLValue) =
                switch outcome {
                case .success(let r): (r.model, "ok", .null)
                case .failure(let model, let message): (model, "failed", .text(message))
                }
            table.rows.append([
                .text(doc.jobId), .time(doc.runAt), .time(endedAt), .text(doc.input), .text(digest),
                .text(settings), .text(model), .text(status), error,
                .integer(doc.read.rows), .integer(doc.read.skippedRows), .real(doc.summary.journeys),
                .integer(doc.summary.distinctPaths), .integer(written[model] ?? 0),
            ])
        }
        return table
    }
}
