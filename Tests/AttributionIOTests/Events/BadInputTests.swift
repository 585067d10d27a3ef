import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// Every kind of bad input must name the file, the physical line (line breaks inside
/// quoted fields count), the column and the value.
@Suite struct BadInputTests {
    static let options: EventInputOptions = {
        var o = EventInputOptions(conversion: .event("purchase"))
        o.valueColumn = "revenue"
        return o
    }()

    /// Four good lines of data after the header; the second row spans lines 3–5
    /// (two line breaks inside a quoted field), so the next line is line 7.
    static let goodStart =
        "user_id,event,timestamp,revenue\r\n"  // line 1
        + "a,email,2024-01-01,\r\n"  // line 2
        + "a,\"two\nline\r\nbreaks\",2024-01-02,\r\n"  // lines 3-5
        + "a,purchase,2024-01-03,10\r\n"  // line 6

    func readError(_ text: String, options: EventInputOptions = options, file: String = "bad.csv") throws -> (InputError?, String) {
        try withTempDir { dir in
            let path = try writeFile(dir, file, text)
            return (inputError { _ = try EventCSVReader.read(path: path, options: options) }, path)
        }
    }

    @Test func unparseableTimestampAfterQuotedLineBreaks() throws {
        let (e, path) = try readError(Self.goodStart + "b,display,2024-02-30,\r\n")
        let error = try #require(e)
        #expect(error.file == path)
        #expect(error.line == 7)
        #expect(error.column == "timestamp")
        #expect(error.value == "2024-02-30")
        #expect(error.description.hasPrefix("\(path):7: column 'timestamp', value '2024-02-30': unparseable timestamp"))
    }

    @Test func badRowInsideAQuotedMultiLineRecordReportsTheRecordsFirstLine() throws {
        // The record starts on line 7 and spans lines 7-9; its timestamp is bad.
        let (e, _) = try readError(Self.goodStart + "b,\"x\n\ny\",yesterday,\r\n")
        let error = try #require(e)
        #expect(error.line == 7)
        #expect(error.column == "timestamp")
        #expect(error.value == "yesterday")
    }

    @Test func missingColumn() throws {
        var options = Self.options
        options.timeColumn = "ts"
        let (e, path) = try readError(Self.goodStart, options: options)
        let error = try #require(e)
        #expect(error.line == 1)
        #expect(error.column == "ts")
        #expect(error.description.hasPrefix("\(path):1: column 'ts': no such column"))
        // The message names the flag to change and lists the columns that are there.
        #expect(error.message.contains("(--time-column); the header has: user_id, event, timestamp, revenue"), "\(error)")
        #expect(!error.message.contains("did you mean"), "'ts' is not close to any column")
    }

    @Test(arguments: [
        ("userid", "--user-column", "user_id"), ("Timestmp", "--time-column", "timestamp"),
        ("events", "--event-column", "event"),
    ])
    func missingColumnSuggestsTheNearestName(_ column: String, _ flag: String, _ near: String) throws {
        var options = Self.options
        switch flag {
        case "--user-column": options.userColumn = column
        case "--time-column": options.timeColumn = column
        default: options.eventColumn = column
        }
        let (e, _) = try readError(Self.goodStart, options: options)
        #expect(
            e?.message.contains("(\(flag))") == true && e?.message.contains("did you mean '\(near)'?") == true, "\(String(describing: e))")
    }

    @Test func missingValueAndConversionColumns() throws {
        var options = Self.options
        options.valueColumn = "amount"
        let (e1, _) = try readError(Self.goodStart, options: options)
        #expect(e1?.column == "amount")
        #expect(e1?.line == 1)
        options = Self.options
        options.conversion = .column("converted")
        let (e2, _) = try readError(Self.goodStart, options: options)
        #expect(e2?.column == "converted")
        #expect(e2?.line == 1)
    }

    @Test func emptyFile() throws {
        let (e, path) = try readError("")
        let error = try #require(e)
        #expect(error.file == path)
        #expect(error.description.hasPrefix("\(path):"))
        #expect(error.message.contains("empty file"))
    }

    @Test func fileWithOnlyBOMAndBlankLinesIsEmpty() throws {
        let (e, _) = try readError("\u{FEFF}\r\n\n")
        #expect(e?.message.contains("empty file") == true)
    }

    @Test func headerOnly() throws {
        let (e, path) = try readError("user_id,event,timestamp,revenue\r\n\r\n")
        let error = try #require(e)
        #expect(error.file == path)
        #expect(error.message.contains("no data rows"))
    }

    @Test func rowWithTooFewFields() throws {
        let (e, path) = try readError(Self.goodStart + "b,display\r\n")
        let error = try #require(e)
        #expect(error.line == 7)
        #expect(error.column == "timestamp")  // the first column the row lacks
        #expect(error.description.hasPrefix("\(path):7: column 'timestamp'"))
        #expect(error.message.contains("2 fields"))
    }

    @Test func rowWithTooFewFieldsIsFineWhenOnlyUnusedColumnsAreMissing() throws {
        // No value column asked for: a row without the trailing revenue field is complete enough.
        let (table, _) = try withTempDir { dir in
            try EventCSVReader.read(
                path: try writeFile(dir, "e.csv", Self.goodStart + "b,display,2024-01-05\r\n"),
                options: EventInputOptions(conversion: .event("purchase")))
        }
        #expect(table.count == 4)
    }

    @Test func unterminatedQuote() throws {
        let (e, path) = try readError(Self.goodStart + "b,\"display,2024-01-05,\r\nc,email,2024-01-06,\r\n")
        let error = try #require(e)
        #expect(error.file == path)
        #expect(error.line == 7)
        #expect(error.column == "event")
        #expect(error.value?.hasPrefix("display,2024-01-05,") == true)
        #expect(error.description.hasPrefix("\(path):7: column 'event', value 'display,2024-01-05,"))
        #expect(error.message.contains("unterminated"))
    }

    @Test func textAfterAClosingQuote() throws {
        let (e, _) = try readError(Self.goodStart + "b,\"display\"x,2024-01-05,\r\n")
        let error = try #require(e)
        #expect(error.line == 7)
        #expect(error.column == "event")
        #expect(error.message.contains("after a closing quote"))
    }

    @Test func nonNumericRevenue() throws {
        let (e, path) = try readError(Self.goodStart + "b,purchase,2024-01-05,\"12,50\"\r\n")
        let error = try #require(e)
        #expect(error.line == 7)
        #expect(error.column == "revenue")
        #expect(error.value == "12,50")
        #expect(error.description.hasPrefix("\(path):7: column 'revenue', value '12,50': revenue is not a number"))
    }

    @Test(arguments: ["nan", "inf", "12 EUR", "$5"])
    func revenueMustBeAFiniteNumber(_ value: String) throws {
        let (e, _) = try readError(Self.goodStart + "b,purchase,2024-01-05,\(value)\r\n")
        #expect(e?.line == 7)
        #expect(e?.value == value)
    }

    @Test func conversionEventThatNeverOccurs() throws {
        var options = Self.options
        options.conversion = .event("signup")
        let (e, path) = try readError(Self.goodStart, options: options)
        let error = try #require(e)
        #expect(error.file == path)
        #expect(error.column == "event")
        #expect(error.value == "signup")
        #expect(error.description.hasPrefix("\(path): column 'event', value 'signup': the conversion event never occurs"))
        #expect(error.message.contains("3 rows"))
        // Which events there are, most frequent first, with their rows.
        #expect(
            error.message.contains("most frequent events in 'event': email (1 row), purchase (1 row), two\nline\r\nbreaks (1 row)"),
            "\(error.message)")
        #expect(!error.message.contains("differ only in case"))
    }

    @Test func conversionEventDifferingOnlyInCaseIsPointedOut() throws {
        var options = Self.options
        options.conversion = .event("Purchase")
        let text = Self.goodStart + (1...7).map { "u\($0),e\($0 % 6),2024-01-0\($0 % 9 + 1),\r\n" }.joined()
        let (e, _) = try readError(text, options: options)
        let message = try #require(e).message
        #expect(message.contains("did you mean 'purchase'? names differ only in case"), "\(message)")
        // The top five with their counts, ties by name, and how many there are in all.
        #expect(message.contains("(of 9 distinct): e1 (2 rows), e0 (1 row), e2 (1 row), e3 (1 row), e4 (1 row)"), "\(message)")
    }

    @Test func conversionColumnWithNoConversion() throws {
        let (e, _) = try readError(
            "user_id,event,timestamp,conv\na,x,2024-01-01,0\na,y,2024-01-02,false\n",
            options: EventInputOptions(conversion: .column("conv")))
        #expect(e?.column == "conv")
        #expect(e?.message.contains("2 rows") == true)
    }

    @Test func badConversionFlag() throws {
        let (e, path) = try readError(
            "user_id,event,timestamp,conv\na,x,2024-01-01,0\na,y,2024-01-02,yes\n",
            options: EventInputOptions(conversion: .column("conv")))
        let error = try #require(e)
        #expect(error.description.hasPrefix("\(path):3: column 'conv', value 'yes':"))
    }

    @Test func emptyUserAndEmptyChannel() throws {
        let (e1, _) = try readError(Self.goodStart + "\"\",email,2024-01-05,\r\n")
        #expect(e1?.line == 7)
        #expect(e1?.column == "user_id")
        let (e2, _) = try readError(Self.goodStart + "b,,2024-01-05,\r\n")
        #expect(e2?.line == 7)
        #expect(e2?.column == "event")
    }

    @Test func missingFileAndDirectory() throws {
        try withTempDir { dir in
            let missing = dir.appendingPathComponent("nope.csv").path
            let e1 = inputError { _ = try EventCSVReader.read(path: missing, options: Self.options) }
            #expect(e1?.file == missing)
            #expect(e1?.message.contains("cannot open") == true)
            let e2 = inputError { _ = try EventCSVReader.read(path: dir.path, options: Self.options) }
            #expect(e2?.file == dir.path)
            #expect(e2?.message.contains("directory") == true)
        }
    }

    @Test func longAndMultiLineValuesAreShortenedInTheDescription() {
        let e = InputError(file: "f.csv", line: 3, column: "c", value: "a\r\nb" + String(repeating: "x", count: 100), message: "bad")
        let shown = "a\\r\\nb" + String(repeating: "x", count: 71) + "..."
        #expect(e.description == "f.csv:3: column 'c', value '\(shown)': bad")
        #expect(InputError(file: "f.csv", message: "m").description == "f.csv: m")
        #expect(InputError(file: "f.csv", line: 2, value: "v", message: "m").description == "f.csv:2: value 'v': m")
    }

    // MARK: skipBadRows

    @Test func skipBadRowsCountsAndListsTheFirstFew() throws {
        var options = Self.options
        options.skipBadRows = true
        let text =
            Self.goodStart  // lines 1-6: header and 3 good rows
            + "b,display,not-a-time,\r\n"  // 7   bad timestamp
            + "b,display\r\n"  // 8   too few fields
            + "b,\"multi\nline\",2024-13-01,\r\n"  // 9-10 bad timestamp
            + "b,email,2024-01-05,\r\n"  // 11  good
            + "b,purchase,2024-01-06,abc\r\n"  // 12  bad revenue
            + ",email,2024-01-05,\r\n"  // 13  empty user
            + "c,,2024-01-05,\r\n"  // 14  empty channel
            + "c,email,24:00,\r\n"  // 15  bad timestamp (not listed: only 5 are)
            + "c,purchase,2024-01-07,1.5\r\n"  // 16  good
        let (table, report) = try withTempDir { dir in
            try EventCSVReader.read(path: try writeFile(dir, "skip.csv", text), options: options)
        }
        #expect(report.rows == 5)
        #expect(report.skippedRows == 7)
        #expect(ReadReport.skippedShown == 5)
        #expect(report.firstSkipped.map(\.line) == [7, 8, 9, 12, 13])
        #expect(report.firstSkipped.map(\.column) == ["timestamp", "timestamp", "timestamp", "revenue", "user_id"])
        #expect(report.firstSkipped.map(\.value) == ["not-a-time", nil, "2024-13-01", "abc", ""])
        #expect(
            table.rows == [
                EventRow(0, "email", jan1_2024),
                EventRow(0, "two\nline\r\nbreaks", jan1_2024 + dayMs),
                EventRow(0, nil, jan1_2024 + 2 * dayMs, true, 10),
                EventRow(1, "email", jan1_2024 + 4 * dayMs),
                EventRow(2, nil, jan1_2024 + 6 * dayMs, true, 1.5),
            ])
    }

    @Test func skipBadRowsWithEveryRowBad() throws {
        var options = Self.options
        options.skipBadRows = true
        let (e, _) = try readError("user_id,event,timestamp,revenue\na,x,never,\nb,y,never,\n", options: options)
        #expect(e?.message.contains("every data row was bad (2 skipped)") == true)
    }

    @Test func skipBadRowsStillStopsAtAnUnterminatedQuote() throws {
        // A broken quote swallows the rest of the file, so there is no row to skip to.
        var options = Self.options
        options.skipBadRows = true
        let (e, _) = try readError(Self.goodStart + "b,\"oops,2024-01-05,\r\n", options: options)
        #expect(e?.line == 7)
        #expect(e?.message.contains("unterminated") == true)
    }
}
