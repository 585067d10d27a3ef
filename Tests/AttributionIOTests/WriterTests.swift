import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

@Suite struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("with space", "with space"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\ronly", "\"cr\ronly\""),
        ("crlf\r\nline", "\"crlf\r\nline\""),
        ("é,ü", "\"é,ü\""),
    ])
    func escape(field: String, expected: String) {
        #expect(CSVWriter.escape(field) == expected)
    }

    @Test func rowsAreJoinedWithCommasAndEndWithLF() {
        var w = CSVWriter(header: ["a", "b,c"])
        w.appendRow(["1", "x\"y"])
        w.appendRow(["", ""])
        #expect(w.text == "a,\"b,c\"\n1,\"x\"\"y\"\n,\n")
    }

    @Test(arguments: [
        (3.0, "3"), (0.0, "0"), (-0.0, "0"), (-2.5, "-2.5"), (0.1, "0.1"),
        (1.0 / 3.0, "0.3333333333333333"), (123_456_789_012.0, "123456789012"),
        (1e20, "1e+20"), (1e-7, "1e-07"),
    ] as [(Double, String)])
    func numbers(value: Double, expected: String) {
        #expect(CSVWriter.number(value) == expected)
    }

    @Test func writtenTextReadsBackThroughTheScanner() throws {
        let fields = ["a,b", "say \"hi\"", "two\nlines", "crlf\r\nline", "", "plain"]
        var w = CSVWriter(header: ["h1", "h2", "h3", "h4", "h5", "h6"])
        w.appendRow(fields)
        let bytes = Array(w.text.utf8)
        let read: [String] = try bytes.withUnsafeBufferPointer { buf in
            var scanner = CSVScanner(bytes: buf)
            var f: [CSVField] = []
            _ = try scanner.next(into: &f)
            #expect(f.count == 6)
            _ = try scanner.next(into: &f)
            return f.map { scanner.string($0) }
        }
        #expect(read == fields)
    }
}

@Suite struct JSONValueTests {
    @Test func stringEscapes() {
        let s = JSONValue.string("q\"b\\n\nr\rt\tc\u{01}\u{1F}é😀/")
        #expect(s.serialized() == #""q\"b\\n\nr\rt\tc\u0001\u001fé😀/""#)
    }

    @Test(arguments: [
        (JSONValue.number(2), "2"),
        (.number(-0.0), "0"),
        (.number(0.25), "0.25"),
        (.number(-1.5), "-1.5"),
        (.number(0.1 + 0.2), "0.30000000000000004"),
        (.number(1e300), "1e+300"),
        (.number(.leastNonzeroMagnitude), "5e-324"),
        (.number(.nan), "null"),
        (.number(.infinity), "null"),
        (.number(-.infinity), "null"),
        (.integer(-3), "-3"),
        (.integer(Int.max), "9223372036854775807"),
        (.bool(true), "true"),
        (.bool(false), "false"),
        (.null, "null"),
        (.array([]), "[]"),
        (.object([]), "{}"),
    ])
    func scalars(value: JSONValue, expected: String) {
        #expect(value.serialized() == expected)
    }

    @Test func nestedDocumentKeepsKeyOrderAndIndents() {
        let doc = JSONValue.object([
            ("z", .integer(1)),
            ("a", .array([.number(1.5), .object([("k", .string("v"))]), .array([])])),
            ("m", .object([])),
        ])
        let expected = """
            {
              "z": 1,
              "a": [
                1.5,
                {
                  "k": "v"
                },
                []
              ],
              "m": {}
            }
            """
        #expect(doc.serialized() == expected)
    }

    @Test func serializedOutputIsValidJSON() throws {
        let doc = JSONValue.object([
            ("text", .string("a\"b\\c\nd\u{7}")),
            ("n", .number(0.1)),
            ("big", .number(1e300)),
            ("list", .array([.integer(1), .null, .bool(false)])),
        ])
        let parsed = try JSONSerialization.jsonObject(with: Data(doc.serialized().utf8)) as? [String: Any]
        #expect(parsed?["text"] as? String == "a\"b\\c\nd\u{7}")
        #expect(parsed?["n"] as? Double == 0.1)
        #expect(parsed?["big"] as? Double == 1e300)
        #expect((parsed?["list"] as? [Any])?.count == 3)
    }

    @Test func equalityIsBySerialization() {
        #expect(JSONValue.object([("a", .integer(1))]) == .object([("a", .number(1))]))
        #expect(JSONValue.object([("a", .integer(1)), ("b", .null)]) != .object([("b", .null), ("a", .integer(1))]))
    }
}

@Suite struct EventCSVWriterTests {
    @Test func exactTextOfAHandMadeTable() throws {
        var t = EventTable()
        let email = t.channels.id(for: "email")
        let odd = t.channels.id(for: "paid, \"brand\"")
        t.append(user: 0, channel: email, time: jan1_2024 + 59 * dayMs + 1999, isConversion: false, value: 0)  // 2024-02-29T00:00:01.999
        t.append(user: 1, channel: odd, time: -1, isConversion: false, value: 0)                              // 1969-12-31T23:59:59.999
        t.append(user: 0, channel: -1, time: jan1_2024 + 13 * hourMs, isConversion: true, value: 19.999)
        t.append(user: 1, channel: -1, time: 946_684_800_000, isConversion: true, value: -0.5)               // 2000-01-01, a refund
        t.append(user: 1, channel: -1, time: 0, isConversion: true, value: -12.346)
        t.userCount = 2
        let text = try withTempDir { dir in
            let path = dir.appendingPathComponent("out.csv").path
            try EventCSVWriter.write(t, conversionEvent: "buy, now", to: path)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        #expect(text == """
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
        #expect(Set(back.channels.names) == Set(original.channels.names.filter { name in
            original.channel.contains(original.channels.lookup(name)!)
        }))
    }
}

@Suite struct OutputStagingTests {
    static func listing(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func commitPublishesOnlyTheFinalFiles() throws {
        try withTempDir { dir in
            let out = dir.appendingPathComponent("results/run 1", isDirectory: true)  // created on commit
            var staging = OutputStaging(directory: out)
            staging.add("attribution.csv", "model,channel\n")
            staging.add("attribution.json", Data("{}\n".utf8))
            staging.add("markov_transitions.csv", "")
            #expect(staging.names == ["attribution.csv", "attribution.json", "markov_transitions.csv"])
            try staging.commit()
            #expect(try Self.listing(out) == ["attribution.csv", "attribution.json", "markov_transitions.csv"])
            #expect(try String(contentsOf: out.appendingPathComponent("attribution.csv"), encoding: .utf8) == "model,channel\n")
            #expect(try Data(contentsOf: out.appendingPathComponent("attribution.json")) == Data("{}\n".utf8))
            #expect(try Data(contentsOf: out.appendingPathComponent("markov_transitions.csv")).isEmpty)

            // A second commit replaces the files in place.
            var again = OutputStaging(directory: out)
            again.add("attribution.csv", "new\n")
            try again.commit()
            #expect(try Self.listing(out) == ["attribution.csv", "attribution.json", "markov_transitions.csv"])
            #expect(try String(contentsOf: out.appendingPathComponent("attribution.csv"), encoding: .utf8) == "new\n")
        }
    }

    @Test func outputFolderThatIsARegularFileFailsCleanly() throws {
        try withTempDir { dir in
            let blocker = dir.appendingPathComponent("out")
            try Data("keep me".utf8).write(to: blocker)
            var staging = OutputStaging(directory: blocker)
            staging.add("attribution.csv", "x\n")
            let e = inputError { try staging.commit() }
            #expect(e?.file == blocker.path)
            #expect(e?.message.contains("cannot create the output folder") == true)
            #expect(try Self.listing(dir) == ["out"])
            #expect(try Data(contentsOf: blocker) == Data("keep me".utf8))
        }
    }

    @Test func failedRenameRemovesEveryTemporaryFile() throws {
        try withTempDir { dir in
            // A non-empty folder where the first file should go: its rename must fail.
            let taken = dir.appendingPathComponent("attribution.csv")
            try FileManager.default.createDirectory(at: taken, withIntermediateDirectories: false)
            try Data().write(to: taken.appendingPathComponent("inside"))
            var staging = OutputStaging(directory: dir)
            staging.add("attribution.csv", "x\n")
            staging.add("attribution.json", "{}\n")
            let e = inputError { try staging.commit() }
            #expect(e?.file == taken.path)
            #expect(e?.message.contains("cannot rename") == true)
            #expect(try Self.listing(dir) == ["attribution.csv"])
            #expect(try Self.listing(taken) == ["inside"])
        }
    }

    @Test func writeFileAtomicallyLeavesNoTemporaryFile() throws {
        try withTempDir { dir in
            let path = dir.appendingPathComponent("one.csv").path
            try writeFileAtomically(Data("a\n".utf8), to: path)
            #expect(try Self.listing(dir) == ["one.csv"])
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\n")
            let blocked = dir.appendingPathComponent("one.csv/two.csv").path  // parent is a file
            #expect(inputError { try writeFileAtomically(Data("b\n".utf8), to: blocked) } != nil)
            #expect(try Self.listing(dir) == ["one.csv"])
        }
    }
}

@Suite struct ResultFilesTests {
    @Test func attributionCSVListsChannelsByNameWithFullPrecision() {
        let channels = ChannelIndex(names: ["search", "email", "tv, radio"])
        let a = ModelResult(model: "linear", channels: channels, conversions: [1, 2, 1], revenue: [10, 0.1, 1.0 / 3.0])
        let b = ModelResult(model: "first_touch", channels: channels, conversions: [0, 0, 0], revenue: nil)
        #expect(ResultFiles.attributionCSV([a, b]) == """
            model,channel,conversions,share,revenue
            linear,email,2,0.5,0.1
            linear,search,1,0.25,10
            linear,"tv, radio",1,0.25,0.3333333333333333
            first_touch,email,0,0,
            first_touch,search,0,0,
            first_touch,"tv, radio",0,0,

            """)
    }
}
