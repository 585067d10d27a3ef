import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

@Suite struct EventCSVWriterTests {
    @Test func exactTextOfAHandMadeTable() throws {
        var t = EventTable()
        let email = t.channels.id(for: "email")
        let odd = t.channels.id(for: "paid, \"brand\"")
        t.append(user: 0, channel: email, time: jan1_2024 + 59 * dayMs + 1999, isConversion: false, value: 0)  // 2024-02-29T00:00:01.999
        t.append(user: 1, channel: odd, time: -1, isConversion: false, value: 0)  // 1969-12-31T23:59:59.999
        t.append(user: 0, channel: -1, time: jan1_2024 + 13 * hourMs, isConversion: true, value: 19.999)
        t.append(user: 1, channel: -1, time: 946_684_800_000, isConversion: true, value: -0.5)  // 2000-01-01, a refund
        t.append(user: 1, channel: -1, time: 0, isConversion: true, value: -12.346)
        t.userCount = 2
        let text = try withTempDir { dir in
            let path = dir.appendingPathComponent("out.csv").path
            try EventCSVWriter.write(t, conversionEvent: "buy, now", to: path)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        #expect(
            text == """
                user_id,event,timestamp,revenue
                u1,email,2024-02-29T00:00:01Z,
                u2,"paid, ""brand\""",1969-12-31T23:59:59Z,
                u1,"buy, now",2024-01-01T13:00:00Z,20.00
                u2,"buy, now",2000-01-01T00:00:00Z,-0.50
                u2,"buy, now",1970-01-01T00:00:00Z,-12.35

                """)
    }

    @Test func awkwardChannelNamesSurviveARoundTrip() throws {
        let names = ["a,b", "say \"x\"", "cr\r\nlf", "line\nbreak", "lone\rcr", "é 😀", "purchases"]
        var t = EventTable()
        var expected: [EventRow] = []
        for (k, name) in names.enumerated() {
            let c = t.channels.id(for: name)
            let time = jan1_2024 + Int64(k) * hourMs
            t.append(user: Int32(k % 2), channel: c, time: time, isConversion: false, value: 0)
            expected.append(EventRow(Int32(k % 2), name, time))
        }
        t.append(user: 1, channel: -1, time: jan1_2024 + dayMs, isConversion: true, value: -0.25)
        expected.append(EventRow(1, nil, jan1_2024 + dayMs, true, -0.25))
        t.userCount = 2
        let (back, _) = try withTempDir { dir in
            let path = dir.appendingPathComponent("awkward.csv").path
            try EventCSVWriter.write(t, conversionEvent: "purchase", to: path)
            var options = EventInputOptions(conversion: .event("purchase"))
            options.valueColumn = "revenue"
            return try EventCSVReader.read(path: path, options: options)
        }
        #expect(back.channels.names == names)
        let difference = firstDifference(back.rows, expected)
        #expect(difference == nil, "\(difference ?? "")")
    }

    @Test func roundTripOfSyntheticEvents() throws {
        var config = SyntheticTouchpoints.Config(users: 400)
        config.channels = 20
        config.seed = 7
        let original = SyntheticTouchpoints.generate(config)
        #expect(original.count > 1000)
        #expect(original.conversionCount > 0)
        let (back, report) = try withTempDir { dir in
            let path = dir.appendingPathComponent("events.csv").path
            try EventCSVWriter.write(original, conversionEvent: SyntheticTouchpoints.conversionEvent, to: path)
            var options = EventInputOptions(conversion: .event(SyntheticTouchpoints.conversionEvent))
            options.valueColumn = "revenue"
            return try EventCSVReader.read(path: path, options: options)
        }
        #expect(report.rows == original.count)
        #expect(report.skippedRows == 0)
        #expect(back.userCount == original.userCount)

        // Users are renumbered in order of first appearance; times are written in whole seconds.
        var renumber: [Int32: Int32] = [:]
        for u in original.user where renumber[u] == nil { renumber[u] = Int32(renumber.count) }
        let expected = original.rows.map { r in
            EventRow(renumber[r.user]!, r.channel, r.time - ((r.time % 1000) + 1000) % 1000, r.conversion, r.value)
        }
        let difference = firstDifference(back.rows, expected)
        #expect(difference == nil, "\(difference ?? "")")
        #expect(
            Set(back.channels.names)
                == Set(
                    original.channels.names.filter { name in
                        original.channel.contains(original.channels.lookup(name)!)
                    }))
    }
}
