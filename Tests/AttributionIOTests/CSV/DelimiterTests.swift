import AttributionCore
import Testing

@testable import AttributionIO

/// `;`, tab and `|` separated exports read as their comma-separated twin does.
@Suite struct DelimiterTests {
    static let commas =
        "user_id,event,timestamp,revenue\n"
        + "a,email,2024-01-01,\n"
        + "a,\"x,y\",2024-01-02,\n"
        + "a,purchase,2024-01-03,\"12.5\"\n"
        + "b,search,2024-01-01,\n"

    static var options: EventInputOptions {
        var o = EventInputOptions(conversion: .event("purchase"))
        o.valueColumn = "revenue"
        return o
    }

    /// The same rows with `byte` between fields (the quoted comma stays inside its field).
    static func separated(by byte: Character) -> String {
        var out = ""
        var quoted = false
        for c in commas {
            if c == "\"" { quoted.toggle() }
            out.append(c == "," && !quoted ? byte : c)
        }
        return out
    }

    func rows(_ text: String, _ options: EventInputOptions = options) throws -> [EventRow] {
        try withTempDir { dir in
            let path = try writeFile(dir, "e.csv", text)
            return try EventCSVReader.read(path: path, options: options).0.rows
        }
    }

    @Test(arguments: [";", "\t"] as [Character])
    func semicolonAndTabAreDetectedFromTheHeader(_ byte: Character) throws {
        let expected = try rows(Self.commas)
        #expect(expected.count == 4)
        #expect(try rows(Self.separated(by: byte)) == expected)
    }

    @Test func aGivenDelimiterIsUsed() throws {
        var options = Self.options
        options.delimiter = CSVDelimiter.pipe
        #expect(try rows(Self.separated(by: "|"), options) == (try rows(Self.commas)))
    }

    /// A `;` file read with a comma (given) is one column: the error says so.
    @Test func aWrongDelimiterIsNamedInTheError() throws {
        var options = Self.options
        options.delimiter = CSVDelimiter.comma
        let e = try withTempDir { dir in
            let path = try writeFile(dir, "e.csv", Self.separated(by: ";"))
            return inputError { _ = try EventCSVReader.read(path: path, options: options) }
        }
        #expect(e?.line == 1)
        #expect(e?.message.contains("is the file separated by ';'? use --delimiter") == true, "\(String(describing: e))")
    }

    @Test(arguments: [
        (",", CSVDelimiter.comma), (";", CSVDelimiter.semicolon), ("\t", CSVDelimiter.tab),
        ("\\t", CSVDelimiter.tab), ("tab", CSVDelimiter.tab), ("|", CSVDelimiter.pipe),
    ])
    func spellings(_ text: String, _ byte: UInt8) {
        #expect(CSVDelimiter.parse(text) == byte)
    }

    @Test func otherSpellingsAreRefused() {
        #expect(CSVDelimiter.parse(";;") == nil)
        #expect(CSVDelimiter.parse("") == nil)
        #expect(CSVDelimiter.parse(":") == nil)
    }

    @Test func pathFilesDetectTheDelimiterToo() throws {
        let text = "path;total_conversions;total_conversion_value\n\"a > b\";2;10.5\nb;1;3\n"
        let (table, hasValue, _) = try withTempDir { dir in
            try PathCSVReader.read(path: try writeFile(dir, "p.csv", text), options: PathInputOptions())
        }
        #expect(hasValue)
        #expect(table.totalConversions == 3)
        #expect(table.channels.names.sorted() == ["a", "b"])
    }
}
