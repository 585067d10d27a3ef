import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// Inputs that used to be accepted without a word: each is now a clear error (or kept, not dropped).
@Suite struct StrictInputTests {
    static let options = EventInputOptions(conversion: .event("purchase"))

    func eventError(_ bytes: [UInt8]) throws -> InputError? {
        try withTempDir { dir in
            let path = try writeFile(dir, "e.csv", bytes)
            return inputError { _ = try EventCSVReader.read(path: path, options: Self.options) }
        }
    }

    func eventError(_ text: String) throws -> InputError? { try eventError(Array(text.utf8)) }

    @Test func aUsedColumnNamedTwiceNamesBothPositions() throws {
        let e = try eventError("user_id,event,timestamp,event\nu1,a,2024-01-01,b\nu1,purchase,2024-01-02,x\n")
        #expect(e?.line == 1 && e?.column == "event")
        #expect(e?.message.contains("positions 2 and 4") == true, "\(String(describing: e))")
    }

    @Test func aDuplicateOfAnUnusedColumnIsFine() throws {
        try withTempDir { dir in
            let path = try writeFile(dir, "e.csv", "user_id,event,timestamp,note,note\nu1,a,2024-01-01,x,y\nu1,purchase,2024-01-02,x,y\n")
            let (table, _) = try EventCSVReader.read(path: path, options: Self.options)
            #expect(table.count == 2)
        }
    }

    @Test func invalidUTF8InAChannelNameNamesLineColumnAndByte() throws {
        // "caf\xE9": Latin-1 é, invalid as UTF-8; it would have merged with any other bad name.
        var bytes = Array("user_id,event,timestamp\nu1,email,2024-01-01\nu1,caf".utf8)
        bytes += [0xE9]
        bytes += Array(",2024-01-02\nu1,purchase,2024-01-03\n".utf8)
        let e = try eventError(bytes)
        #expect(e?.line == 3 && e?.column == "event")
        #expect(e?.message.contains("invalid UTF-8 at byte 3") == true, "\(String(describing: e))")
    }

    @Test func invalidUTF8InAUserIdIsAnErrorAndSkippedWithSkipBadRows() throws {
        var bytes = Array("user_id,event,timestamp\n".utf8)
        bytes += [0x75, 0xC3, 0x28]  // "u" + a broken two-byte sequence
        bytes += Array(",email,2024-01-01\nu2,email,2024-01-01\nu2,purchase,2024-01-02\n".utf8)
        let e = try eventError(bytes)
        #expect(e?.line == 2 && e?.column == "user_id")
        try withTempDir { dir in
            let path = try writeFile(dir, "e.csv", bytes)
            var o = Self.options
            o.skipBadRows = true
            let (table, report) = try EventCSVReader.read(path: path, options: o)
            #expect(report.skippedRows == 1 && table.count == 2 && table.userCount == 1)
        }
    }

    @Test(
        arguments: [
            ([0xFF, 0xFE, 0x75, 0x00], "UTF-16 (little-endian)"),
            ([0xFE, 0xFF, 0x00, 0x75], "UTF-16 (big-endian)"),
            ([0xFF, 0xFE, 0x00, 0x00, 0x75, 0x00, 0x00, 0x00], "UTF-32 (little-endian)"),
            ([0x00, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x00, 0x75], "UTF-32 (big-endian)"),
        ] as [([UInt8], String)])
    func wideByteOrderMarksAskForUTF8(_ bom: [UInt8], _ name: String) throws {
        let e = try eventError(bom + Array("user_id,event,timestamp\n".utf8))
        #expect(e?.message.contains(name) == true && e?.message.contains("convert the file to UTF-8") == true, "\(String(describing: e))")
    }

    @Test func aNULByteIsAnErrorWithItsLine() throws {
        let e = try eventError(Array("user_id,event,timestamp\nu1,email,2024-01-01\nu1,em".utf8) + [0] + Array("ail,2024-01-02\n".utf8))
        #expect(e?.line == 3)
        #expect(e?.message.contains("NUL byte") == true)
    }

    @Test func validUTF8OfEveryLengthIsAccepted() {
        for text in ["plain", "café", "日本語", "emoji 😀", "ß→∑"] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer(UTF8Check.firstInvalid) == nil, "\(text)")
        }
        for (bad, at) in [([0x61, 0xC0, 0x80], 1), ([0xED, 0xA0, 0x80], 0), ([0xF4, 0x90, 0x80, 0x80], 0), ([0x61, 0xE2, 0x82], 1)]
            as [([UInt8], Int)]
        {
            #expect(bad.withUnsafeBufferPointer(UTF8Check.firstInvalid) == at, "\(bad)")
        }
    }
}

/// Path files: counts are whole, default names match in any case, and empty-path nulls are kept.
@Suite struct StrictPathInputTests {
    func read(_ text: String) throws -> (PathTable, Bool, ReadReport) {
        try withTempDir { dir in
            let path = try writeFile(dir, "p.csv", text)
            return try PathCSVReader.read(path: path, options: PathInputOptions())
        }
    }

    /// Kept (a real 1969 or 2250 time is possible) but warned about with the first line:
    /// microseconds or a two-digit year are the usual cause.
    @Test func timesOutsideTheYears1970To2200AreCountedWithTheFirstLine() throws {
        try withTempDir { dir in
            let path = try writeFile(
                dir, "e.csv",
                """
                user_id,event,timestamp
                a,email,2024-01-01T00:00:00Z
                a,email,1969-12-31T23:59:59Z
                a,purchase,2024-01-02
                b,email,1704067200000000
                b,email,2200-12-31T23:59:59Z

                """)
            let (table, report) = try EventCSVReader.read(path: path, options: StrictInputTests.options)
            #expect(table.count == 5 && report.rows == 5)
            #expect(report.implausibleTimes == 2)
            let first = report.firstImplausibleTime
            #expect(
                first?.line == 3 && first?.column == "timestamp" && first?.value == "1969-12-31T23:59:59Z", "\(String(describing: first))")
        }
        try withTempDir { dir in
            let path = try writeFile(dir, "e.csv", "user_id,event,timestamp\na,email,1970-01-01\na,purchase,2200-12-31T23:59:59.999Z\n")
            let (_, report) = try EventCSVReader.read(path: path, options: StrictInputTests.options)
            #expect(report.implausibleTimes == 0 && report.firstImplausibleTime == nil)
        }
    }

    @Test func nullsOnAnEmptyPathAreKept() throws {
        let (table, _, _) = try read("path,total_conversions,total_null\nemail,2,3\n,1,5\n")
        #expect(table.unattributedConversions == 1 && table.unattributedNulls == 5)
        let summary = JourneySummary(paths: table, journeys: nil, hasValue: false)
        #expect(summary.nullJourneys == 8 && summary.journeys == 11)
    }

    @Test func defaultColumnNamesMatchInAnyCase() throws {
        let (table, hasValue, _) = try read("PATH,Total_Conversions,TOTAL_CONVERSION_VALUE,Total_Null\nemail,2,10,3\n")
        #expect(hasValue && table.totalValue == 10 && table.totalNulls == 3)
    }

    @Test(arguments: [("email,-1,0", "total_conversions"), ("email,1.5,0", "total_conversions"), ("email,1,2.5", "total_null")])
    func countsMustBeWholeAndNotNegative(_ row: String, _ column: String) throws {
        let e = inputError { _ = try read("path,total_conversions,total_null\n" + row + "\n") }
        #expect(e?.line == 2 && e?.column == column)
        #expect(e?.message.contains("whole number") == true, "\(String(describing: e))")
    }

    @Test func invalidUTF8InAPathIsAnError() throws {
        try withTempDir { dir in
            let path = try writeFile(dir, "p.csv", Array("path,total_conversions\nemail>caf".utf8) + [0xE9] + Array(",1\n".utf8))
            let e = inputError { _ = try PathCSVReader.read(path: path, options: PathInputOptions()) }
            #expect(e?.line == 2 && e?.column == "path" && e?.message.contains("invalid UTF-8") == true)
        }
    }
}
