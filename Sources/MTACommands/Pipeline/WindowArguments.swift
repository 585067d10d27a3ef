import ArgumentParser
import AttributionCore
import AttributionIO
import Foundation

/// The analysed period of a scheduled run (`run`, and `sql` so the printed query matches).
struct WindowArguments: ParsableArguments {
    @Option(help: "Analyse the journeys ending in the last N complete UTC days before now, e.g. 30d.")
    var conversionWindow: String?

    @Option(help: "First day analysed (YYYY-MM-DD, UTC).")
    var from: String?

    @Option(help: "Last day analysed, inclusive (YYYY-MM-DD, UTC).")
    var to: String?

    func validate() throws {
        if conversionWindow != nil && (from != nil || to != nil) {
            throw ValidationError("give --conversion-window or --from/--to, not both")
        }
    }

    /// The analysed period from --conversion-window or --from/--to.
    func window(now: Date) throws -> ConversionWindow? {
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        if let text = conversionWindow {
            guard text.hasSuffix("d"), let days = Int(text.dropLast()), days >= 1 else {
                throw InputError(file: "--conversion-window", value: text, message: "expected a number of days such as 30d")
            }
            return ConversionWindow.lastCompleteDays(days, before: nowMs)
        }
        guard from != nil || to != nil else { return nil }
        // An open end is 1970 or the year 10000: dates every warehouse can write as a literal.
        let start = try from.map { try Self.day($0, "--from") } ?? 0
        let end = try to.map { try Self.day($0, "--to") + ConversionWindow.dayMs } ?? 253_402_300_800_000
        guard start < end else {
            throw InputError(file: "--from/--to", value: "\(from ?? "") .. \(to ?? "")", message: "the window is empty")
        }
        return ConversionWindow(start: start, end: end)
    }

    static func day(_ text: String, _ flag: String) throws -> Int64 {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        guard text.count == 10, let d = f.date(from: text) else {
            throw InputError(file: flag, value: text, message: "expected a date YYYY-MM-DD")
        }
        return Int64(d.timeIntervalSince1970 * 1000)
    }
}
