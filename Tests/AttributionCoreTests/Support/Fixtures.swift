@testable import AttributionCore

/// Small hand-made inputs shared by the core tests.
enum Fixtures {
    static let day: Int64 = 86_400_000

    /// Builds an event table from readable rows: (user, channel or nil for a conversion row, day, value).
    static func events(_ rows: [(String, String?, Double, Double)], conversionColumn: Bool = false) -> EventTable {
        var table = EventTable()
        var users: [String: Int32] = [:]
        for (user, channel, dayOffset, value) in rows {
            let u = users[user] ?? Int32(users.count)
            users[user] = u
            let time = Int64(dayOffset * Double(day))
            if let channel, channel.hasSuffix("!") {
                // "email!" = a touch on email that converts (conversion-column style).
                let c = table.channels.id(for: String(channel.dropLast()))
                table.append(user: u, channel: c, time: time, isConversion: true, value: value)
            } else if let channel {
                table.append(user: u, channel: table.channels.id(for: channel), time: time, isConversion: false, value: 0)
            } else {
                table.append(user: u, channel: -1, time: time, isConversion: true, value: value)
            }
        }
        table.userCount = users.count
        return table
    }

    /// A path table from readable rows: ("a>b", conversions, value, nulls).
    static func paths(_ rows: [(String, Double, Double, Double)]) -> PathTable {
        var channels = ChannelIndex()
        let parsed = rows.map { row in (row.0.split(separator: ">").map { channels.id(for: String($0)) }, row) }
        var builder = PathTableBuilder(channels: channels)
        for (steps, row) in parsed {
            if steps.isEmpty {
                builder.addUnattributed(conversions: row.1, value: row.2)
            } else {
                builder.add(steps[...], conversions: row.1, value: row.2, nulls: row.3)
            }
        }
        return builder.table
    }

    static func names(_ journeys: JourneySet, _ j: Int) -> [String] {
        journeys.touches(j).map { journeys.channels[journeys.touchChannel[$0]] }
    }

    /// Credit by channel name.
    static func credit(_ r: ModelResult) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: r.channels.names.enumerated().map { ($1, r.conversions[$0]) })
    }

    static func revenue(_ r: ModelResult) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: r.channels.names.enumerated().map { ($1, r.revenue![$0]) })
    }
}

func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { abs(a - b) <= tolerance }
