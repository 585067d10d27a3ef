import Testing

@testable import AttributionCore
@testable import AttributionIO

@Suite("TruthFile")
struct TruthFileTests {
    /// What `mta generate --truth` writes, `mta evaluate` reads back: names with
    /// commas and quotes come through whole.
    @Test func roundTripKeepsChannelNamesWithCommasAndQuotes() throws {
        let truth = [
            ChannelTruth(
                channel: "display, video", effect: 0.5, usersTouched: 40, incrementalConversions: 6, incrementalRevenue: 120, share: 0.75),
            ChannelTruth(
                channel: #"say "hi""#, effect: 0.25, usersTouched: 30, incrementalConversions: 2, incrementalRevenue: 40, share: 0.25),
            ChannelTruth(channel: "email", effect: 0, usersTouched: 10, incrementalConversions: 0, incrementalRevenue: 0, share: 0),
        ]
        let text = TruthFile.csv(truth)
        #expect(text.contains(#""display, video""#) && text.contains(#""say ""hi""""#))
        try withTempDir { dir in
            let shares = try TruthFile.read(path: try writeFile(dir, "truth.csv", text))
            #expect(shares == ["display, video": 0.75, #"say "hi""#: 0.25, "email": 0])
        }
    }

    static let bad: [(String, InputError)] = [
        (
            "channel,share\nemail,0.5\nemail,abc\n",
            InputError(file: "f", line: 3, column: "share", value: "abc", message: "not a number")
        ),
        (
            "channel,share\n\"a, b\",0.5\n\"a, b\",0.5\n",
            InputError(file: "f", line: 3, column: "channel", value: "a, b", message: "channel listed twice")
        ),
        (
            "channel,share\nemail,\n",
            InputError(
                file: "f", line: 2, column: "share", value: "",
                message: "no share: no channel helped on balance in this data, so there are no true shares to compare with")
        ),
        ("channel,share\nemail\n", InputError(file: "f", line: 2, column: "share", message: "row has 1 field, the header has 2")),
        (
            "channel,share\nemail,0.5,x\n",
            InputError(file: "f", line: 2, column: "field 3 (the header has 2)", value: "x", message: "row has 3 fields, the header has 2")
        ),
        (
            "channel,share\n\"email,0.5\n",
            InputError(
                file: "f", line: 2, column: "channel", value: "email,0.5", message: "unterminated quoted field (opened here, never closed)")
        ),
        (
            "channel,effect\nemail,1\n",
            InputError(
                file: "f", line: 1,
                message: "needs the columns channel and share (the truth file of `mta generate --truth`); found channel, effect")
        ),
        ("channel,share\n", InputError(file: "f", message: "no channel rows after the header")),
    ]

    @Test(arguments: 0..<bad.count)
    func badRowNamesFileLineColumnValue(_ k: Int) throws {
        try withTempDir { dir in
            let path = try writeFile(dir, "f.csv", Self.bad[k].0)
            var expected = Self.bad[k].1
            expected.file = path
            #expect(throws: expected) { try TruthFile.read(path: path) }
        }
    }
}
