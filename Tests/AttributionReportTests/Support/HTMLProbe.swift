import Foundation

/// Reads back what the report shows, the way a test (or a scraper) would.
struct HTMLProbe {
    let html: String

    /// Every match of `pattern`'s capture groups.
    func matches(_ pattern: String) -> [[String]] {
        let re = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let ns = html as NSString
        return re.matches(in: html, range: NSRange(location: 0, length: ns.length)).map { m in
            (1..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
        }
    }

    func count(_ needle: String) -> Int { html.components(separatedBy: needle).count - 1 }

    /// Credit table cells: (model, channel) → field → (data-value, shown text). Each
    /// cell names its model and channel (tables have channels as rows, models as columns).
    func creditCells() -> [String: [String: (value: String, shown: String)]] {
        var out: [String: [String: (String, String)]] = [:]
        let cells = matches(
            #"<td class="num" data-model="([^"]*)" data-channel="([^"]*)" data-field="([^"]*)" data-value="([^"]*)">([^<]*)</td>"#)
        for cell in cells {
            let key = Self.unescape(cell[0]) + "\u{1}" + Self.unescape(cell[1])
            out[key, default: [:]][cell[2]] = (cell[3], Self.unescape(cell[4]))
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
