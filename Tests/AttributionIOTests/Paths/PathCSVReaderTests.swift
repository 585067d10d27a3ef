import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

@Suite struct PathCSVReaderTests {
    /// A path table as readable rows: ("a>b", conversions, value, nulls), in table order.
    static func rows(_ t: PathTable) -> [String] {
        (0..<t.count).map { p in
            t.path(p).map { t.channels[$0] }.joined(separator: ">")
                + " \(t.conversions[p]) \(t.value[p]) \(t.nulls[p])"
        }
    }

    static func read(_ text: String, _ options: PathInputOptions = PathInputOptions()) throws -> (
        table: PathTable, hasValue: Bool, report: ReadReport
    ) {
        try withTempDir { dir in try PathCSVReader.read(path: try writeFile(dir, "paths.csv", text), options: options) }
    }

    @Test func defaultColumnsTrimmingRepeatsAndEmptyPaths() throws {
        let r = try Self.read(
            """
            path,total_conversions,total_conversion_value,total_null
            a > b,2,20.5,1
            a>b,1,4.5,3
            " c ",5,1,0
            ,3,30,0
            "a,x >b",12,1.5,2
            b > a,0,,7
              ,1,2,0

            """)
        #expect(r.hasValue)
        #expect(r.report.rows == 7)
        #expect(r.table.channels.names == ["a", "b", "c", "a,x"])
        #expect(
            Self.rows(r.table) == [
                "a>b 3.0 25.0 4.0",
                "c 5.0 1.0 0.0",
                "a,x>b 12.0 1.5 2.0",
                "b>a 0.0 0.0 7.0",
            ])
        #expect(r.table.unattributedConversions == 4)
        #expect(r.table.unattributedValue == 32)
    }

    @Test func onlyPathAndConversionsWithCRLFAndBOM() throws {
        let r = try Self.read("\u{FEFF}path,total_conversions\r\nx>y>x,4\r\ny,7\r\nx>y>x,1\r\n")
        #expect(!r.hasValue)
        #expect(Self.rows(r.table) == ["x>y>x 5.0 0.0 0.0", "y 7.0 0.0 0.0"])
    }

    @Test func overriddenColumnsAndSeparator() throws {
        var options = PathInputOptions()
        options.pathColumn = "journey"
        options.conversionsColumn = "conv"
        options.valueColumn = "rev"
        options.nullsColumn = "lost"
        options.separator = "->"
        // The default-named columns are present but must not be used.
        let r = try Self.read(
            """
            total_conversions,journey,path,conv,rev,lost,total_conversion_value,total_null
            9,email -> a>b -> display,zzz,2,10,1,99,99
            9,display,zzz,1,,4,99,99
            9,email->a>b->display,zzz,1,5,0,99,99

            """, options)
        #expect(r.hasValue)
        #expect(r.table.channels.names == ["email", "a>b", "display"])
        #expect(Self.rows(r.table) == ["email>a>b>display 3.0 15.0 1.0", "display 1.0 0.0 4.0"])
    }

    @Test func namedColumnsMustExist() throws {
        var options = PathInputOptions()
        options.valueColumn = "revenue"
        let e = inputError { _ = try Self.read("path,total_conversions\na,1\n", options) }
        #expect(e?.line == 1)
        #expect(e?.column == "revenue")
        options = PathInputOptions()
        options.conversionsColumn = "conversions"
        #expect(inputError { _ = try Self.read("path,total_conversions\na,1\n", options) }?.column == "conversions")
    }

    @Test func badNumbersNameLineColumnAndValue() throws {
        let head =
            "path,total_conversions,total_conversion_value,total_null\n"
            + "a>b,1,2,3\n"  // line 2
            + "\"a\nb\",1,2,3\n"  // lines 3-4
        for (row, column, value) in [
            ("c,-1,0,0", "total_conversions", "-1"),
            ("c,one,0,0", "total_conversions", "one"),
            ("c,1,\"1,5\",0", "total_conversion_value", "1,5"),
            ("c,1,2,many", "total_null", "many"),
        ] {
            try withTempDir { dir in
                let path = try writeFile(dir, "p.csv", head + row + "\n")
                let e = inputError { _ = try PathCSVReader.read(path: path, options: PathInputOptions()) }
                #expect(e?.line == 5, "\(row)")
                #expect(e?.column == column, "\(row)")
                #expect(e?.value == value, "\(row)")
                #expect(e?.description.hasPrefix("\(path):5: column '\(column)', value '\(value)':") == true, "\(row)")
            }
        }
    }

    @Test func emptyChannelInsideAPath() throws {
        let e = inputError { _ = try Self.read("path,total_conversions\na>b,1\na>>b,1\n") }
        #expect(e?.line == 3)
        #expect(e?.column == "path")
        #expect(e?.value == "a>>b")
    }

    @Test func tooFewFieldsAndUnterminatedQuote() throws {
        let e1 = inputError { _ = try Self.read("path,total_conversions,total_null\na,1,0\nb,1\n") }
        #expect(e1?.line == 3)
        #expect(e1?.column == "total_null")
        let e2 = inputError { _ = try Self.read("path,total_conversions\na,1\n\"b,1\nc,2\n") }
        #expect(e2?.line == 3)
        #expect(e2?.column == "path")
        #expect(e2?.message.contains("unterminated") == true)
    }

    @Test func emptyHeaderOnlyAndNoConversions() throws {
        #expect(inputError { _ = try Self.read("") }?.message.contains("empty file") == true)
        #expect(inputError { _ = try Self.read("path,total_conversions\n") }?.message.contains("no data rows") == true)
        let e = inputError { _ = try Self.read("path,total_conversions,total_null\na,0,5\nb,0,1\n") }
        #expect(e?.column == "total_conversions")
        #expect(e?.message.contains("no path has any conversion") == true)
    }

    @Test func emptySeparatorIsRejected() throws {
        var options = PathInputOptions()
        options.separator = ""
        #expect(inputError { _ = try Self.read("path,total_conversions\na,1\n", options) }?.message.contains("separator") == true)
    }

    @Test func skipBadRows() throws {
        var options = PathInputOptions()
        options.skipBadRows = true
        let r = try Self.read(
            """
            path,total_conversions
            a,x
            a,1
            a>>b,1
            b
            b,2

            """, options)
        #expect(r.report.rows == 2)
        #expect(r.report.skippedRows == 3)
        #expect(r.report.firstSkipped.map(\.line) == [2, 4, 5])
        #expect(Self.rows(r.table) == ["a 1.0 0.0 0.0", "b 2.0 0.0 0.0"])
    }
}
