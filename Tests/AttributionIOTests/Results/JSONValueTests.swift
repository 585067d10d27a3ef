import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

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
