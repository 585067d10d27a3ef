import AttributionCore
import Foundation

/// How numbers read in the report: thousands separators, a fixed number of decimals
/// per kind of figure, percentages at a precision that keeps small shares visible.
/// Every shown number is formatted from the same double the CSV files hold.
enum NumberFormat {
    /// The CSV files' form (rounded to the precision the numbers carry), for `data-value` attributes.
    static func exact(_ d: Double) -> String { JSONValue.formatRounded(d) }

    /// `1234567.891` with 1 decimal → `1,234,567.9`.
    static func grouped(_ d: Double, decimals: Int) -> String {
        guard d.isFinite else { return d.isNaN ? "–" : (d > 0 ? "∞" : "−∞") }
        var text = String(format: "%.\(decimals)f", abs(d))
        // "-0.0" is not a number a reader should see.
        let negative = d < 0 && text.contains(where: { $0 != "0" && $0 != "." })
        var fraction = ""
        if let dot = text.firstIndex(of: ".") {
            fraction = String(text[dot...])
            text = String(text[..<dot])
        }
        var groups: [Substring] = []
        var end = text.endIndex
        while end > text.startIndex {
            let start = text.index(end, offsetBy: -3, limitedBy: text.startIndex) ?? text.startIndex
            groups.insert(text[start..<end], at: 0)
            end = start
        }
        return (negative ? "−" : "") + groups.joined(separator: ",") + fraction
    }

    /// Counts of journeys, users, events: whole numbers stay whole.
    static func count(_ d: Double) -> String { grouped(d, decimals: d == d.rounded() ? 0 : 1) }

    /// Credited conversions: fractional by nature (shared credit).
    static func conversions(_ d: Double) -> String { grouped(d, decimals: 1) }

    static func money(_ d: Double) -> String { grouped(d, decimals: 2) }

    /// Ratios such as ROAS (`3.25×` reads as revenue per unit of spend).
    static func ratio(_ d: Double) -> String { grouped(d, decimals: 2) }

    /// A difference of two shares, in percentage points (`5.4 points`).
    static func points(_ difference: Double) -> String { grouped(difference * 100, decimals: 1) + " points" }

    /// A share as a percentage: 1 decimal, 2 below 1 % so small channels do not read as 0.
    static func percent(_ share: Double) -> String { percentNumber(share) + " %" }

    /// An interval's level: `95 %`, decimals only where it has them (`97.5 %`).
    static func level(_ level: Double) -> String {
        let p = level * 100
        return (p == p.rounded() ? String(Int(p)) : grouped(p, decimals: 1)) + " %"
    }

    /// The number `percent` shows, without the sign (for tables whose header says %).
    static func percentNumber(_ share: Double) -> String {
        let p = share * 100
        return grouped(p, decimals: abs(p) < 1 && p != 0 ? 2 : 1)
    }

    /// Seconds of a stage timing.
    static func seconds(_ s: Double) -> String { grouped(s, decimals: s < 10 ? 3 : 1) + " s" }
}
