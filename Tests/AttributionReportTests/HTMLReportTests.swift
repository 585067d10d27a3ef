import AttributionCore
import AttributionIO
import Foundation
import Testing

@testable import AttributionReport

@Suite("HTMLReport")
struct HTMLReportTests {
    static let pathRows: [(String, Double, Double, Double)] = [
        ("email|search", 3, 300, 2), ("search", 2, 150, 5), ("display|email|search", 1, 80, 4), ("display", 0, 0, 6),
    ]

    /// One section and one share chart per model family that ran, not per model; the comparison once.
    @Test func oneShareChartPerFamilyAndTheComparison() throws {
        let doc = try ReportFixtures.pathDocument(Self.pathRows)
        let probe = HTMLProbe(html: HTMLReport.render(doc))
        #expect(doc.results.count >= 7)
        let families = Set(doc.results.compactMap { ModelRegistry.entry($0.entry)?.family })
        #expect(families == [.rules, .markov, .shapley])
        #expect(probe.count("class=\"chart share-chart\"") == families.count)
        for family in families { #expect(probe.count("<section id=\"family-\(family.rawValue)\">") == 1) }
        #expect(probe.count("class=\"chart comparison-chart\"") == 1)
        for r in doc.results { #expect(probe.html.contains("data-model=\"\(r.model)\"")) }
    }

    @Test func failedModelIsListedWithItsMessage() throws {
        let doc = try ReportFixtures.pathDocument(Self.pathRows)
        let failures = doc.outcomes.compactMap { if case .failure(let m, let msg) = $0 { (m, msg) } else { nil } }
        #expect(failures.map(\.0) == ["time-decay"])
        let probe = HTMLProbe(html: HTMLReport.render(doc))
        let listed = probe.matches(#"<li class="model-error" data-model="([^"]*)"><strong>[^<]*</strong>: ([^<]*)</li>"#)
        #expect(listed.map { $0[0] } == ["time-decay"])
        #expect(listed.first.map { HTMLProbe.unescape($0[1]) } == failures[0].1)
        #expect(probe.html.contains("1 of \(doc.outcomes.count) models failed"))
    }

    @Test func selfContainedNoScriptNoRemoteReference() throws {
        for doc in [try ReportFixtures.pathDocument(Self.pathRows), try ReportFixtures.document(channels: 3, users: 800)] {
            let html = HTMLReport.render(doc)
            #expect(!html.lowercased().contains("<script"))
            #expect(!html.lowercased().contains("<link"))
            #expect(!html.lowercased().contains("@import"))
            let references = HTMLProbe(html: html).matches(#"(?:src|href)\s*=\s*"([^"]*)"|url\(([^)]*)\)"#).map { $0.joined() }
            #expect(!references.isEmpty, "the table of contents links sections")
            for ref in references {
                #expect(ref.hasPrefix("#"), "only in-page references, got \(ref)")
                #expect(!ref.contains("//"))
            }
            #expect(!html.contains("http://") && !html.contains("https://"))
        }
    }

    @Test(arguments: [3, 40])
    func rendersEveryChannel(channels: Int) throws {
        let doc = try ReportFixtures.document(channels: channels, users: channels == 40 ? 6_000 : 1_500, exactMax: channels == 40 ? 3 : 12)
        let html = HTMLReport.render(doc)
        let probe = HTMLProbe(html: html)
        #expect(doc.outcomes.count == doc.results.count, "event-level input: every model succeeds")
        // Every channel of every model has a credit row.
        let cells = probe.creditCells()
        for r in doc.results {
            for name in r.channels.names { #expect(cells[r.model + "\u{1}" + name] != nil, "\(r.model) \(name)") }
        }
        for section in ["id=\"answer\"", "id=\"data\"", "id=\"family-rules\"", "id=\"comparison\"", "id=\"spend\"", "id=\"run\""] {
            #expect(html.contains(section))
        }
        #expect(probe.count("<h4>Transitions</h4>") == 1)
        #expect(probe.count("<h4>Credit by touch position</h4>") == 1)
        #expect(probe.count("<h4>Credit by day before the conversion</h4>") == 1)
        #expect(probe.count("<h4>Incremental conversions</h4>") == 1)
        // With exactMax 3 the 40-channel run samples large sets: whiskers are drawn.
        #expect(probe.count("<h4>Sampling error</h4>") == (channels == 40 ? 1 : 0))
        if let dir = ProcessInfo.processInfo.environment["MTA_REPORT_OUT"] {
            try html.write(toFile: "\(dir)/mta-report-\(channels).html", atomically: true, encoding: .utf8)
        }
    }

    @Test func runMetadataAndMaskedSettings() throws {
        let doc = try ReportFixtures.document(channels: 3, users: 500)
        let html = HTMLReport.render(doc)
        #expect(html.contains("job-3"))
        #expect(html.contains("2024-06-09T02:26:40Z"))
        #expect(html.contains(HTML.breakable("database_password")) && html.contains(">***<"))
        #expect(html.contains(">read events<") && html.contains("data-value=\"0.125\""))
    }
}
