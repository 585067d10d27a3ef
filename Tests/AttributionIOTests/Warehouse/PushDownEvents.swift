import AttributionCore
import Foundation

@testable import AttributionIO

/// An event table as rows of a warehouse table: text user keys, event names,
/// timestamps as `YYYY-MM-DD HH:MM:SS.SSS` (UTC), a 0/1 conversion flag, revenue
/// and a row id that follows the input order (the tie-breaker).
struct WarehouseEvents {
    struct Row {
        var user: String
        var event: String
        var timestamp: String
        var converted: Int
        var value: Double
        var rowID: Int
    }

    var rows: [Row] = []

    /// Column names chosen to need quoting (spaces, capitals, a keyword).
    static let userColumn = "User Id"
    static let eventColumn = "Event Name"
    static let timeColumn = "timestamp"
    static let conversionColumn = "Converted"
    static let valueColumn = "Revenue $"
    static let rowIDColumn = "row_id"
    static let columnNames = [userColumn, eventColumn, timeColumn, conversionColumn, valueColumn, rowIDColumn]

    /// `conversionEvent`: the name written on conversion rows (channel -1); with a
    /// conversion column every row is a touch, so the table must have none.
    init(_ events: EventTable, conversionEvent: String) {
        for i in 0..<events.count {
            let c = events.channel[i]
            precondition(c >= 0 || events.isConversion[i])
            rows.append(
                Row(
                    user: "u\(events.user[i])", event: c < 0 ? conversionEvent : events.channels[c],
                    timestamp: Self.timestamp(events.time[i]), converted: events.isConversion[i] ? 1 : 0,
                    value: events.value[i], rowID: i))
        }
    }

    func columns(conversion: EventInputOptions.Conversion) -> EventInputOptions {
        var o = EventInputOptions(conversion: conversion)
        o.userColumn = Self.userColumn
        o.eventColumn = Self.eventColumn
        o.timeColumn = Self.timeColumn
        o.valueColumn = Self.valueColumn
        return o
    }

    /// RFC 4180 CSV with a header (fields quoted, quotes doubled).
    var csv: String {
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var out = Self.columnNames.map(q).joined(separator: ",") + "\n"
        for r in rows {
            out += [q(r.user), q(r.event), r.timestamp, "\(r.converted)", "\(r.value)", "\(r.rowID)"].joined(separator: ",") + "\n"
        }
        return out
    }

    /// Milliseconds since the epoch as UTC civil time.
    static func timestamp(_ ms: Int64) -> String {
        let dayMs: Int64 = 86_400_000
        var days = ms / dayMs
        var rest = ms % dayMs
        if rest < 0 { rest += dayMs; days -= 1 }
        let (year, month, day) = CivilDate.date(days: days)
        let h = rest / 3_600_000, m = rest / 60_000 % 60, s = rest / 1000 % 60, f = rest % 1000
        return String(format: "%04lld-%02lld-%02lld %02lld:%02lld:%02lld.%03lld", year, month, day, h, m, s, f)
    }
}

/// Test inputs with awkward channel names, made from the synthetic generator.
enum PushDownFixtures {
    /// Synthetic channels renamed to names with quotes, commas, spaces, non-ASCII and
    /// backslash-free punctuation (`>` is covered by its own test: it becomes `_`).
    static let awkwardNames: [String: String] = [
        "paid_search": "paid search", "organic_search": "o'rganic", "display": "display, banner",
        "social_paid": "say \"hi\"", "email": "émail", "direct": "direct",
    ]

    /// Conversion-event style: conversion rows have no channel.
    static func events(users: Int, seed: UInt64, channels: Int = 8) -> EventTable {
        var config = SyntheticTouchpoints.Config(users: users)
        config.seed = seed
        config.channels = channels
        config.days = 20
        var e = SyntheticTouchpoints.generate(config)
        e.channels = ChannelIndex(names: e.channels.names.map { awkwardNames[$0] ?? $0 })
        return e
    }

    /// Conversion-column style: each conversion row becomes a touch on `checkout` that converts.
    static func columnEvents(users: Int, seed: UInt64) -> EventTable {
        var e = events(users: users, seed: seed)
        let checkout = e.channels.id(for: "checkout")
        for i in 0..<e.count where e.channel[i] < 0 { e.channel[i] = checkout }
        return e
    }
}
