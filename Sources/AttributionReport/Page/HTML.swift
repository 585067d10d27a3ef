/// Escaping and the few element helpers every section uses. Everything user-supplied
/// (channel names, model names, messages, settings) goes through `escape`.
enum HTML {
    /// Safe in text and in double- or single-quoted attributes.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Escaped text that may wrap after `_ - . / >` (channel and campaign names are
    /// often one long "word"), so a narrow table breaks them at a sensible place.
    static func breakable(_ s: String) -> String {
        var out = ""
        for ch in s {
            out += escape(String(ch))
            if "_-./>".contains(ch) { out += "<wbr>" }
        }
        return out
    }

    /// A fragment id from any name (model names may hold anything a user typed).
    static func anchor(_ prefix: String, _ name: String) -> String {
        prefix + "-"
            + name.unicodeScalars.map { ch in
                ch.properties.isAlphabetic || ("0"..."9").contains(ch) ? String(ch).lowercased() : "-"
            }.joined()
    }

    static func section(id: String, title: String, _ body: String) -> String {
        "<section id=\"\(escape(id))\">\n<h2>\(escape(title))</h2>\n\(body)</section>\n"
    }

    static func figure(_ svg: String, caption: String) -> String {
        "<figure>\(svg)<figcaption>\(escape(caption))</figcaption></figure>\n"
    }

    static func paragraph(_ text: String, cssClass: String? = nil) -> String {
        "<p\(cssClass.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</p>\n"
    }
}

/// An HTML table whose numeric cells carry the exact value they show in `data-value`
/// (written as in the CSV files), so a test or a reader's tool can check the page
/// against the files.
struct HTMLTable {
    enum Cell {
        case text(String)
        /// Shown formatted; `data-value` holds the full-precision CSV form. `attributes`
        /// name what the number is of (`data-model`, `data-channel`) when the row does not.
        case number(Double, shown: String, field: String? = nil, attributes: [(String, String)] = [])
        case empty(field: String? = nil)
    }

    var header: [String]
    /// Which columns are numeric (right-aligned).
    var numeric: Set<Int>
    var rows: [(attributes: [(String, String)], cells: [Cell])] = []
    var cssClass = "data"
    static let compactAbove = 7

    init(header: [String], numeric: Set<Int>) {
        self.header = header
        self.numeric = numeric
    }

    mutating func append(_ cells: [Cell], attributes: [(String, String)] = []) { rows.append((attributes, cells)) }

    var html: String {
        // Many columns (a model each) get the compact style, so 800 px and print keep them all.
        let style = header.count > Self.compactAbove ? cssClass + " compact" : cssClass
        var s = "<div class=\"table-wrap\"><table class=\"\(style)\"><thead><tr>"
        for (i, h) in header.enumerated() {
            s += "<th\(numeric.contains(i) ? " class=\"num\"" : "")>\(HTML.breakable(h))</th>"
        }
        s += "</tr></thead><tbody>\n"
        for row in rows {
            s += "<tr" + row.attributes.map { " \($0.0)=\"\(HTML.escape($0.1))\"" }.joined() + ">"
            for (i, cell) in row.cells.enumerated() {
                let num = numeric.contains(i) ? " class=\"num\"" : ""
                switch cell {
                case .text(let t):
                    s += "<td\(num)>\(HTML.breakable(t))</td>"
                case .number(let d, let shown, let field, let attributes):
                    let named = attributes.map { " \($0.0)=\"\(HTML.escape($0.1))\"" }.joined()
                    s +=
                        "<td\(num)\(named)\(field.map { " data-field=\"\($0)\"" } ?? "") data-value=\"\(NumberFormat.exact(d))\">\(HTML.escape(shown))</td>"
                case .empty(let field):
                    s += "<td\(num)\(field.map { " data-field=\"\($0)\"" } ?? "") data-value=\"\">–</td>"
                }
            }
            s += "</tr>\n"
        }
        return s + "</tbody></table></div>\n"
    }
}
