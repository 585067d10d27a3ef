import AttributionCore
import Testing

@testable import AttributionIO

@Suite("SpendCSVReader")
struct SpendCSVReaderTests {
    @Test func readsChannelsPeriodsAndQuotes() throws {
        try withTempDir { dir in
            let path = try writeFile(
                dir, "spend.csv",
                "\u{FEFF}Channel,Spend,Period\r\n"
                    + "email,100.5,2024-02\r\n\"display, EMEA\",20,2024-03-01\r\nemail, 7 ,\r\n")
            let t = try SpendCSVReader.read(path: path)
            #expect(t.source == path)
            #expect(
                t.rows == [
                    .init(channel: "email", period: SpendPeriod.parse("2024-02"), amount: 100.5),
                    .init(channel: "display, EMEA", period: SpendPeriod.parse("2024-03-01"), amount: 20),
                    .init(channel: "email", period: nil, amount: 7),
                ])
            // Duplicate channel rows are summed.
            #expect(t.spend(in: nil).amount(for: "email") == 107.5)
        }
    }

    @Test func periodColumnIsOptional() throws {
        try withTempDir { dir in
            let t = try SpendCSVReader.read(path: try writeFile(dir, "s.csv", "spend,channel,extra\n3,search,x\n"))
            #expect(t.rows == [.init(channel: "search", period: nil, amount: 3)])
        }
    }

    static let bad: [(String, InputError)] = [
        (
            "channel,spend\nemail,10\nsearch,-5\n",
            InputError(file: "f", line: 3, column: "spend", value: "-5", message: "spend must not be negative")
        ),
        (
            "channel,spend\nemail,12abc\n",
            InputError(
                file: "f", line: 2, column: "spend", value: "12abc",
                message: "spend is not a number (write it like 1234.5, without currency or separators)")
        ),
        (
            "channel,spend\nemail,\n",
            InputError(
                file: "f", line: 2, column: "spend", value: "",
                message: "spend is not a number (write it like 1234.5, without currency or separators)")
        ),
        (
            "channel,spend,period\nemail,1,2024/01\n",
            InputError(
                file: "f", line: 2, column: "period", value: "2024/01", message: "period must be a day YYYY-MM-DD or a month YYYY-MM")
        ),
        ("channel,spend\n ,4\n", InputError(file: "f", line: 2, column: "channel", value: " ", message: "empty channel name")),
        ("channel,spend\nemail\n", InputError(file: "f", line: 2, column: "spend", message: "row has 1 field, the header has 2")),
        (
            "channel,cost\nemail,1\n",
            InputError(file: "f", line: 1, column: "spend", message: "no such column in the header (columns: channel, cost)")
        ),
        ("channel,spend\n", InputError(file: "f", message: "no data rows after the header")),
        ("", InputError(file: "f", message: "empty file: no header row")),
    ]

    @Test(arguments: 0..<bad.count)
    func badInputNamesFileLineColumnValue(_ k: Int) throws {
        try withTempDir { dir in
            let path = try writeFile(dir, "f.csv", Self.bad[k].0)
            var expected = Self.bad[k].1
            expected.file = path
            #expect(throws: expected) { try SpendCSVReader.read(path: path) }
        }
    }

    @Test func spendROASFile() {
        let rows = [
            SpendReturn(model: "linear", channel: "display, EMEA", spend: 20, conversions: 0, revenue: 0),
            SpendReturn(model: "linear", channel: "email", spend: 150, conversions: 3, revenue: 300),
            SpendReturn(model: "linear", channel: "social", spend: nil, conversions: 2.5, revenue: nil),
        ]
        #expect(
            SpendROASFile.csv(rows) == """
                model,channel,spend,conversions,revenue,cost_per_conversion,roas
                linear,"display, EMEA",20,0,0,,0
                linear,email,150,3,300,50,2
                linear,social,,2.5,,,

                """)
    }
}
