import AttributionCore

/// Models that failed, each with its message; the others are still reported.
struct ModelErrorsSection: ReportSection {
    func render(_ doc: AttributionDocument) -> RenderedSection? {
        let failures = doc.outcomes.compactMap { outcome -> (String, String)? in
            if case .failure(let model, let message) = outcome { (model, message) } else { nil }
        }
        guard !failures.isEmpty else { return nil }
        let items = failures.map {
            "<li class=\"model-error\" data-model=\"\(HTML.escape($0.0))\"><strong>\(HTML.escape($0.0))</strong>: \(HTML.escape($0.1))</li>"
        }
        return RenderedSection(id: "errors", title: "Model errors", html: "<ul class=\"errors\">" + items.joined() + "</ul>\n")
    }
}
