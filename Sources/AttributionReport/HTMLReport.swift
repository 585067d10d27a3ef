import AttributionCore
import Foundation

/// The self-contained HTML report of one run: inline CSS and SVG, no script, nothing
/// fetched, readable offline and printable. Sections come from `ReportRegistry`.
public enum HTMLReport {
    public static func render(_ doc: AttributionDocument) -> String {
        let sections = ReportRegistry.sections.compactMap { $0.render(doc) }
        let title = "Multi-touch attribution" + (doc.jobId.isEmpty ? "" : " — \(doc.jobId)")
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title))</title>
            <style>
            \(Stylesheet.css)
            </style>
            </head>
            <body>
            <main>
            <header>
            <h1>\(HTML.escape(title))</h1>

            """
        var subtitle = "\(doc.input) (\(doc.format))"
        if let p = doc.period { subtitle += " · \(SpendSection.date(p.firstDay)) to \(SpendSection.date(p.lastDay))" }
        html += HTML.paragraph(subtitle + " · run at \(RunSection.timestamp(doc.runAt))", cssClass: "subtitle")
        html +=
            "<nav class=\"toc\">" + sections.map { "<a href=\"#\(HTML.escape($0.id))\">\(HTML.escape($0.title))</a>" }.joined() + "</nav>\n"
        let failed = doc.outcomes.count - doc.results.count
        if failed > 0 {
            html += HTML.paragraph(
                "\(failed) of \(doc.outcomes.count) models failed; their errors are listed under Model errors.",
                cssClass: "alert")
        }
        html += "</header>\n"
        for s in sections { html += HTML.section(id: s.id, title: s.title, s.html) }
        return html + "</main>\n</body>\n</html>\n"
    }
}
