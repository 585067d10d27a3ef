import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// Inputs `scripts/fuzz.sh event-csv` found breaking the reader's promise (a table, or an
/// `InputError` with a line and a column).
@Suite struct EventFuzzRegressionTests {
    func error(_ text: String) throws -> InputError? {
        try withTempDir { dir in
            let path = try writeFile(dir, "e.csv", text)
            return inputError { _ = try EventCSVReader.read(path: path, options: EventInputOptions(conversion: .event("purchase"))) }
        }
    }

    /// A broken quoted field past the header's columns had no column at all.
    @Test func aBrokenQuotePastTheHeaderNamesTheFieldByPosition() throws {
        let open = try error("user_id,event,timestamp\nu1,email,2024-01-01\nu1,purchase,2024-01-02,extra,\"more\n")
        #expect(open?.line == 3 && open?.column == "field 5 (the header has 3)", "\(String(describing: open))")
        #expect(open?.message.contains("unterminated") == true)
        let after = try error("user_id,event,timestamp\nu1,purchase,2024-01-02,\"x\"y\n")
        #expect(after?.line == 2 && after?.column == "field 4 (the header has 3)", "\(String(describing: after))")
        // Within the header's columns the column keeps its name.
        let named = try error("user_id,event,timestamp\nu1,\"purchase,2024-01-02\n")
        #expect(named?.line == 2 && named?.column == "event", "\(String(describing: named))")
    }
}
