import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// Inputs `scripts/fuzz.sh config` found breaking the reader's promise (entries, or an
/// `InputError` naming the line).
@Suite struct ConfigFuzzRegressionTests {
    func error(_ text: String) -> InputError? {
        inputError { _ = try ConfigFile.parse(text, path: "mta.yaml", environment: [:]) }
    }

    /// A control character (libyaml's reader refuses it) was reported without a line.
    @Test func aControlCharacterNamesItsLine() {
        let e = error("a: 1\nb: \u{1D}{x}\n")
        #expect(e?.line == 2, "\(String(describing: e))")
        #expect(e?.message.contains("control characters") == true)
        // Lines as YAML counts them: CRLF is one break, a lone CR one too.
        #expect(error("a: 1\r\nb: 2\rc: \u{7F}\n")?.line == 3)
        #expect(error("a: 1\n\n\u{1}")?.line == 3)
    }

    /// Composer errors (an undefined alias, a second document) had no line either.
    @Test func composerErrorsNameTheirLine() {
        let alias = error("a: 1\nb: *nope\n")
        #expect(alias?.line == 2 && alias?.message.contains("undefined alias") == true, "\(String(describing: alias))")
        #expect(error("a: 1\n---\nb: 2\n")?.line == 2)
    }

    /// An error at the end of a text without a final newline was put on the line after the last.
    @Test func anErrorAtTheEndOfTheTextIsOnItsLastLine() {
        #expect(error("? [-aStr, bString")?.line == 1)
        #expect(error("a: 1\nb: [1, 2")?.line == 2)
        #expect(error("a: 1\nb: [1, 2\n")?.line == 3)
        // The same for a node's mark: an empty document is a single (null) value, not a mapping.
        let empty = error("---")
        #expect(empty?.line == 1 && empty?.message.contains("must be a mapping") == true, "\(String(describing: empty))")
    }
}
