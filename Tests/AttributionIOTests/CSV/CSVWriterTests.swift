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

    @Test(
        arguments: [
            (3.0, "3"), (0.0, "0"), (-0.0, "0"), (-2.5, "-2.5"), (0.1, "0.1"),
            (1.0 / 3.0, "0.3333333333"), (9360.000000000005, "9360"), (123_456_789_012.0, "123456789012"),
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
