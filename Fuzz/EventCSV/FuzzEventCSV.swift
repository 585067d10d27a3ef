// Fuzzes the RFC 4180 scanner and the event-level CSV reader (`EventCSVReader.read`).
// The first input byte picks the options (seeds start with '0'...'7'): bit 0 = conversions
// from a `converted` column (else event `purchase`), bit 1 = --skip-bad-rows, bit 2 = revenue
// in `revenue`. The rest is the file. Property: a table that agrees with itself, or an
// `InputError` with a line and a column (see FuzzSupport.checkCSVError).
import AttributionCore
import FuzzSupport

@testable import AttributionIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let all = bytes(data, size)
    guard let flags = all.first else { return 0 }
    let csv = UnsafeBufferPointer(rebasing: all[1...])
    var options = EventInputOptions(conversion: flags & 1 != 0 ? .column("converted") : .event("purchase"))
    options.skipBadRows = flags & 2 != 0
    options.valueColumn = flags & 4 != 0 ? "revenue" : nil
    withInputFile(csv, suffix: ".csv") { path in
        do {
            let (table, report) = try EventCSVReader.read(path: path, options: options)
            guard table.count == report.rows, table.count > 0,
                table.channel.count == table.count, table.time.count == table.count,
                table.isConversion.count == table.count, table.value.count == table.count
            else { violation("columns of different lengths, or rows \(report.rows) ≠ \(table.count)") }
            guard report.rows + report.skippedRows <= lineCount(csv) else { violation("more rows than lines") }
            guard table.user.allSatisfy({ $0 >= 0 && Int($0) < table.userCount }),
                table.channel.allSatisfy({ $0 >= -1 && Int($0) < table.channels.count }),
                table.value.allSatisfy(\.isFinite), table.isConversion.contains(true)
            else { violation("a user or channel id out of range, a value not finite, or no conversion") }
            for e in report.firstSkipped { checkCSVError(e, path: path, input: csv) }
        } catch {
            checkCSVError(error, path: path, input: csv)
        }
    }
    return 0
}

@main enum FuzzEventCSV {
    static func main() { runFuzzer(fuzzEventCSV) }
}
