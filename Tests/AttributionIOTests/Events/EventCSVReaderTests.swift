import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

@Suite struct EventCSVReaderTests {
    static let purchase = EventInputOptions(conversion: .event("purchase"))

    static func withRevenue(_ options: EventInputOptions) -> EventInputOptions {
        var o = options
        o.valueColumn = "revenue"
        return o
    }

    @Test func plainFileWithConversionEvent() throws {
        try withTempDir { dir in
            let path = try writeFile(
                dir, "events.csv",
                """
                user_id,event,timestamp,revenue
                alice,email,2024-01-01T00:00:00Z,
                bob,display,2024-01-01T01:00:00Z,
                alice,search,2024-01-02,
                alice,purchase,2024-01-02T12:00:00Z,19.99
                bob,email,1704067200,
                carol,purchase,1704067200123,5

                """)
            let (table, report) = try EventCSVReader.read(path: path, options: Self.withRevenue(Self.purchase))
            #expect(report.rows == 6)
            #expect(report.skippedRows == 0)
            #expect(table.userCount == 3)
            #expect(table.channels.names == ["email", "display", "search"])
            #expect(
                table.rows == [
                    EventRow(0, "email", jan1_2024),
                    EventRow(1, "display", jan1_2024 + hourMs),
                    EventRow(0, "search", jan1_2024 + dayMs),
                    EventRow(0, nil, jan1_2024 + dayMs + 12 * hourMs, true, 19.99),
                    EventRow(1, "email", jan1_2024),
                    EventRow(2, nil, jan1_2024 + 123, true, 5),
                ])
        }
    }

    @Test func rfc4180QuotingBOMAndCRLF() throws {
        try withTempDir { dir in
            // Header in an unusual order with extra columns; CRLF line ends; a UTF-8 BOM;
            // quoted fields with commas, doubled quotes and line breaks (LF and CRLF).
            let text =
                "\u{FEFF}campaign,timestamp,user_id,note,event,revenue\r\n"
                + "\"spring, 2024\",2024-01-01T00:00:00Z,\"u,1\",x,\"Paid \"\"Search\"\"\",\r\n"
                + "c2,2024-01-01T00:00:01Z,u2,\"multi\nline\r\nnote\",\"e\nmail\",\r\n"
                + "\"\",2024-01-01T00:00:02Z,\"u,1\",,purchase,\"12.5\"\r\n"
                + "c4,2024-01-01T00:00:03Z,ü-ser,\"\"\"\",\"Paid \"\"Search\"\"\",\r\n"
                + "c5,\"2024-01-01T00:00:04Z\",\"u2\",,\"purchase\",3\r\n"
            let path = try writeFile(dir, "quoted.csv", text)
            let (table, report) = try EventCSVReader.read(path: path, options: Self.withRevenue(Self.purchase))
            #expect(report.rows == 5)
            #expect(table.userCount == 3)
            #expect(table.channels.names == ["Paid \"Search\"", "e\nmail"])
            #expect(
                table.rows == [
                    EventRow(0, "Paid \"Search\"", jan1_2024),
                    EventRow(1, "e\nmail", jan1_2024 + 1000),
                    EventRow(0, nil, jan1_2024 + 2000, true, 12.5),
                    EventRow(2, "Paid \"Search\"", jan1_2024 + 3000),
                    EventRow(1, nil, jan1_2024 + 4000, true, 3),
                ])
        }
    }

    @Test func lastLineWithoutNewlineAndBlankLinesAreFine() throws {
        try withTempDir { dir in
            let path = try writeFile(
                dir, "e.csv",
                "\n\nuser_id,event,timestamp\r\n\r\na,x,2024-01-01\n\n\na,purchase,2024-01-03")
            let (table, report) = try EventCSVReader.read(path: path, options: Self.purchase)
            #expect(report.rows == 2)
            #expect(table.rows == [EventRow(0, "x", jan1_2024), EventRow(0, nil, jan1_2024 + 2 * dayMs, true, 0)])
        }
    }

    @Test func configurableColumnNamesMatchedExactlyThenIgnoringCase() throws {
        try withTempDir { dir in
            let path = try writeFile(
                dir, "custom.csv",
                """
                Visitor,Touch,When,Amount,user_id,event,timestamp
                v1,tv,2024-02-29 10:00:00,,zzz,zzz,garbage
                v2,radio,2024-02-29 11:00:00,,zzz,zzz,garbage
                v1,order,2024-02-29 12:00:00.250,42,zzz,zzz,garbage

                """)
            var options = EventInputOptions(conversion: .event("order"))
            options.userColumn = "visitor"  // header says "Visitor"
            options.eventColumn = "Touch"
            options.timeColumn = "WHEN"
            options.valueColumn = "amount"
            let (table, _) = try EventCSVReader.read(path: path, options: options)
            let feb29 = jan1_2024 + 59 * dayMs
            #expect(table.channels.names == ["tv", "radio"])
            #expect(
                table.rows == [
                    EventRow(0, "tv", feb29 + 10 * hourMs),
                    EventRow(1, "radio", feb29 + 11 * hourMs),
                    EventRow(0, nil, feb29 + 12 * hourMs + 250, true, 42),
                ])
        }
    }

    @Test func exactHeaderMatchWinsOverCaseInsensitiveOne() throws {
        try withTempDir { dir in
            let path = try writeFile(
                dir, "e.csv",
                """
                USER_ID,user_id,event,timestamp
                wrong1,right,x,2024-01-01
                wrong2,right,purchase,2024-01-02

                """)
            let (table, _) = try EventCSVReader.read(path: path, options: Self.purchase)
            #expect(table.userCount == 1)
        }
    }

    @Test func conversionColumnMakesTheConvertingRowATouchToo() throws {
        try withTempDir { dir in
            let path = try writeFile(
                dir, "flag.csv",
                """
                user_id,event,timestamp,converted,revenue
                a,search,2024-01-01T00:00:00Z,0,99
                a,email,2024-01-01T01:00:00Z,1,10.5
                b,display,2024-01-01T02:00:00Z,false,
                b,email,2024-01-01T03:00:00Z,TRUE,
                c,search,2024-01-01T04:00:00Z,,7
                c,display,2024-01-01T05:00:00Z,true,2
                d,search,2024-01-01T06:00:00Z, 1 ,1e2

                """)
            var options = EventInputOptions(conversion: .column("converted"))
            options.valueColumn = "revenue"
            let (table, report) = try EventCSVReader.read(path: path, options: options)
            #expect(report.rows == 7)
            #expect(table.channels.names == ["search", "email", "display"])
            // Revenue counts only on conversion rows (99 and 7 are ignored).
            #expect(
                table.rows == [
                    EventRow(0, "search", jan1_2024),
                    EventRow(0, "email", jan1_2024 + hourMs, true, 10.5),
                    EventRow(1, "display", jan1_2024 + 2 * hourMs),
                    EventRow(1, "email", jan1_2024 + 3 * hourMs, true, 0),
                    EventRow(2, "search", jan1_2024 + 4 * hourMs),
                    EventRow(2, "display", jan1_2024 + 5 * hourMs, true, 2),
                    EventRow(3, "search", jan1_2024 + 6 * hourMs, true, 100),
                ])
            #expect(table.conversionCount == 4)
        }
    }

    @Test func conversionEventNameMustMatchExactly() throws {
        try withTempDir { dir in
            // "Purchase" and "purchase " are touches on channels of those names, not conversions.
            let path = try writeFile(
                dir, "e.csv",
                """
                user_id,event,timestamp
                a,Purchase,2024-01-01
                a,purchase ,2024-01-02
                a,purchase,2024-01-03

                """)
            let (table, _) = try EventCSVReader.read(path: path, options: Self.purchase)
            #expect(table.channels.names == ["Purchase", "purchase "])
            #expect(table.conversionCount == 1)
            #expect(table.isConversion == [false, false, true])
        }
    }

    @Test func eachTimestampFormatInOneFile() throws {
        try withTempDir { dir in
            let path = try writeFile(
                dir, "ts.csv",
                """
                user_id,event,timestamp
                a,x,2024-01-01T00:00:00.123Z
                a,x,2024-01-01T02:00:00+02:00
                a,x,2023-12-31T18:30:00-0530
                a,x,2024-01-01 00:00:01.5
                a,x,2024-01-02
                a,x,1704067260
                a,purchase,1704067200007

                """)
            let (table, _) = try EventCSVReader.read(path: path, options: Self.purchase)
            #expect(
                table.time == [
                    jan1_2024 + 123, jan1_2024, jan1_2024, jan1_2024 + 1500,
                    jan1_2024 + dayMs, jan1_2024 + 60_000, jan1_2024 + 7,
                ])
        }
    }
}
