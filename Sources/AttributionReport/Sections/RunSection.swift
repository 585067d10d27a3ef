import AttributionCore
import Foundation

/// How the run was made: job, time, input, settings (already masked by the caller), timings.
struct RunSection: ReportSection {
    func render(_ doc: AttributionDocument) -> RenderedSection? {
        var meta: [(String, String)] = []
        if !doc.jobId.isEmpty { meta.append(("job id", doc.jobId)) }
        meta.append(("run at", Self.timestamp(doc.runAt)))
        meta.append(("input", doc.input))
        meta.append(("format", doc.format))
        meta.append(("rows read", NumberFormat.count(Double(doc.read.rows))))
        if doc.read.skippedRows > 0 { meta.append(("rows skipped", NumberFormat.count(Double(doc.read.skippedRows)))) }
        var html = "<dl class=\"meta\">" + meta.map { "<dt>\(HTML.escape($0.0))</dt><dd>\(HTML.escape($0.1))</dd>" }.joined() + "</dl>\n"
        if !doc.read.firstSkipped.isEmpty {
            html +=
                "<h4>First skipped rows</h4><ul class=\"errors\">"
                + doc.read.firstSkipped.map { "<li>\(HTML.escape($0.description))</li>" }.joined() + "</ul>\n"
        }
        if !doc.settings.isEmpty {
            html += "<h4>Settings</h4>\n"
            var t = HTMLTable(header: ["setting", "value"], numeric: [])
            for (key, value) in doc.settings { t.append([.text(key), .text(Self.text(value))]) }
            html += t.html
        }
        if !doc.timings.isEmpty {
            html += "<h4>Timings</h4>\n"
            var t = HTMLTable(header: ["stage", "seconds"], numeric: [1])
            for (stage, seconds) in doc.timings {
                t.append([.text(stage), .number(seconds, shown: NumberFormat.seconds(seconds), field: "seconds")])
            }
            html += t.html
        }
        return RenderedSection(id: "run", title: "Run", html: html)
    }

    /// A setting as a person reads it: no JSON punctuation, `null` as "not set".
    static func text(_ v: JSONValue) -> String {
        switch v {
        case .null: "not set"
        case .string(let s): s
        case .bool(let b): b ? "yes" : "no"
        case .integer(let i): String(i)
        case .number(let d): NumberFormat.exact(d)
        case .array(let items): items.isEmpty ? "none" : items.map(text).joined(separator: ", ")
        case .object(let members): members.map { "\($0.0) \(text($0.1))" }.joined(separator: ", ")
        }
    }

    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
