// Fuzzes the path-level CSV reader (`PathCSVReader.read`). The first input byte picks
// the options (seeds start with '0'...'3'): bit 0 = --skip-bad-rows, bit 1 = separator
// `->` (else `>`). The rest is the file. Property: a table that agrees with itself, or
// an `InputError` with a line and a column (see FuzzSupport.checkCSVError).
import AttributionCore
import FuzzSupport

@testable import AttributionIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPathCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let all = bytes(data, size)
    guard let flags = all.first else { return 0 }
    let csv = UnsafeBufferPointer(rebasing: all[1...])
    var options = PathInputOptions()
    options.skipBadRows = flags & 1 != 0
    options.separator = flags & 2 != 0 ? "->" : ">"
    withInputFile(csv, suffix: ".csv") { path in
        do {
            let (table, _, report) = try PathCSVReader.read(path: path, options: options)
            guard table.offsets.count == table.count + 1, table.offsets.last == table.steps.count,
                table.value.count == table.count, table.nulls.count == table.count,
                table.steps.allSatisfy({ $0 >= 0 && Int($0) < table.channels.count }),
                !table.channels.names.contains(where: { $0.isEmpty || $0.contains(options.separator) })
            else { violation("an inconsistent path table") }
            let numbers =
                table.conversions + table.value + table.nulls
                + [table.unattributedConversions, table.unattributedValue, table.unattributedNulls]
            guard numbers.allSatisfy({ $0 >= 0 && $0.isFinite }),
                table.totalConversions + table.unattributedConversions > 0
            else { violation("a negative or infinite count, or no conversion") }
            guard report.rows + report.skippedRows <= lineCount(csv) else { violation("more rows than lines") }
            for e in report.firstSkipped { checkCSVError(e, path: path, input: csv) }
        } catch {
            checkCSVError(error, path: path, input: csv)
        }
    }
    return 0
}

@main enum FuzzPathCSV {
    static func main() { runFuzzer(fuzzPathCSV) }
}
