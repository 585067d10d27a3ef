import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// One row of a pushed-down path table, as any database returns it.
struct PushedPathRow: Sendable {
    var path: String
    var conversions: Double
    var value: Double
    var nulls: Double
}

/// The in-process path table (`JourneyBuilder.build` → `PathTable(journeys:)`) as
/// path string (channels joined by " > ") → [conversions, value, nulls]; the
/// empty string holds the conversions with no touch.
func inProcessPathTable(_ events: EventTable, _ options: JourneyOptions) -> [String: [Double]] {
    let t = PathTable(journeys: JourneyBuilder.build(events, options: options))
    var d: [String: [Double]] = [:]
    for p in 0..<t.count {
        d[t.path(p).map { t.channels[$0] }.joined(separator: PathPushDown.separator)] = [t.conversions[p], t.value[p], t.nulls[p]]
    }
    if t.unattributedConversions != 0 { d[""] = [t.unattributedConversions, t.unattributedValue, 0] }
    return d
}

/// Nil when the database's rows are the in-process table (values within a relative
/// tolerance, sums being added in another order); else the first few differences.
func pathTableDifference(expected: [String: [Double]], actual rows: [PushedPathRow], tolerance: Double = 1e-9) -> String? {
    var problems: [String] = []
    var seen = Set<String>()
    for row in rows {
        guard seen.insert(row.path).inserted else { problems.append("path '\(row.path)' returned twice"); continue }
        let got = [row.conversions, row.value, row.nulls]
        guard let want = expected[row.path] else { problems.append("extra path '\(row.path)' \(got)"); continue }
        if zip(got, want).contains(where: { abs($0 - $1) > tolerance * max(1, abs($1)) }) {
            problems.append("path '\(row.path)': got \(got), expected \(want)")
        }
    }
    for (path, want) in expected where !seen.contains(path) { problems.append("missing path '\(path)' \(want)") }
    if problems.isEmpty { return nil }
    return "\(problems.count) difference(s) over \(expected.count) expected paths: " + problems.prefix(5).joined(separator: "; ")
}

/// Writes the pushed-down query, runs it with `execute` (any database: SQLite here,
/// DuckDB through Python, PostgreSQL through its own helper) and compares the rows
/// with the in-process path table. Returns nil when they agree.
func pushDownDifference(
    events: EventTable, source: EventRelation, options: JourneyOptions, dialect: SQLDialect,
    execute: (String) async throws -> [PushedPathRow]
) async throws -> String? {
    let sql = try PathPushDown.query(source, journeys: options, dialect: dialect)
    let rows = try await execute(sql)
    return pathTableDifference(expected: inProcessPathTable(events, options), actual: rows)
}

/// Every journey rule × transform × lookback × top-N combination the push-down
/// tests run (and a removal/trim variant of each).
func pushDownOptionMatrix(removeIfNotAll: [String], removeIfLast: [String]) -> [JourneyOptions] {
    var all: [JourneyOptions] = []
    for rule in JourneyOptions.Rule.allCases {
        for kind in PathTransforms.Kind.allCases {
            for lookback in [nil, 2.5] as [Double?] {
                for top in [nil, 4] as [Int?] {
                    for extras in [false, true] {
                        let t =
                            extras
                            ? PathTransforms(
                                kind: kind, maxPathLength: 3, removeIfNotAll: removeIfNotAll, removeIfLastAndNotAll: removeIfLast)
                            : PathTransforms(kind: kind)
                        all.append(JourneyOptions(rule: rule, lookbackDays: lookback, topChannels: top, transforms: t))
                    }
                }
            }
        }
    }
    return all
}

func describe(_ o: JourneyOptions) -> String {
    let t = o.transforms
    return "\(o.rule.rawValue) lookback=\(o.lookbackDays.map { "\($0)" } ?? "-") top=\(o.topChannels.map { "\($0)" } ?? "-") "
        + "kind=\(t.kind.rawValue) max=\(t.maxPathLength.map { "\($0)" } ?? "-") notAll=\(t.removeIfNotAll) lastNotAll=\(t.removeIfLastAndNotAll)"
}
