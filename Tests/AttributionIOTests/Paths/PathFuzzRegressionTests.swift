import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// Inputs `scripts/fuzz.sh path-csv` found breaking the reader's promise (a table, or an
/// `InputError` with a line and a column).
@Suite struct PathFuzzRegressionTests {
    /// A broken quoted field past the header's columns had no column at all.
    @Test func aBrokenQuotePastTheHeaderNamesTheFieldByPosition() throws {
        try withTempDir { dir in
            let path = try writeFile(dir, "p.csv", "path,total_conversions\na,1\nb,2,\"x\n")
            let e = inputError { _ = try PathCSVReader.read(path: path, options: PathInputOptions()) }
            #expect(e?.line == 3 && e?.column == "field 3 (the header has 2)", "\(String(describing: e))")
        }
    }
}
