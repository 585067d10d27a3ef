import AttributionCore
import AttributionIO
import Foundation
import Testing

@testable import AttributionReport

/// Error bars on the model comparison chart: one per model with intervals and
/// channel, around the model's share; none for the neural models, none without intervals.
@Suite struct IntervalErrorBarTests {
    @Test func comparisonChartDrawsEachIntervalAroundItsShare() throws {
        let channels = 5
        var doc = try ReportFixtures.document(channels: channels)
        #expect(HTMLProbe(html: HTMLReport.render(doc)).count("class=\"error-bar\"") == 0)

        let journeys = JourneyBuilder.build(ReportFixtures.events(channels: ReportFixtures.channelNames(channels), users: 3_000))
        let input = AttributionInput(paths: PathTable(journeys: journeys), journeys: journeys, hasValue: true)
        let models = try ModelRegistry.models(["all", "neural"], options: ReportFixtures.modelOptions())
        doc.intervals = BootstrapIntervals.compute(models, on: input, options: IntervalOptions(replicates: 60, seed: 1))
        let probe = HTMLProbe(html: HTMLReport.render(doc))
        // The comparison chart alone (the family charts draw the same intervals again).
        let comparison = try #require(probe.matches(#"(<svg [^>]*class="chart comparison-chart".*?</svg>)"#).first?.first)
        let bars = HTMLProbe(html: comparison).matches(
            #"<g class="error-bar" data-series="([^"]*)" data-low="([^"]*)" data-high="([^"]*)"><title>([^<]*)</title>"#)
        let withIntervals = doc.results.filter { !$0.model.hasPrefix("neural") }
        let neural = doc.results.map(\.model).filter { $0.hasPrefix("neural") }
        #expect(!neural.isEmpty)
        #expect(bars.count == withIntervals.count * channels)
        for bar in bars {
            let model = HTMLProbe.unescape(bar[0])
            #expect(!model.hasPrefix("neural"))
            let result = try #require(doc.results.first { $0.model == model })
            // The title names the channel: "model, channel: low to high".
            let channel = try #require(result.channels.names.first { HTMLProbe.unescape(bar[3]).hasPrefix("\(model), \($0): ") })
            let share = result.shares[Int(result.channels.lookup(channel)!)]
            let low = Double(bar[1])!, high = Double(bar[2])!
            #expect(low <= share && share <= high, "\(model) \(channel): \(share) outside \(low)…\(high)")
        }
        #expect(probe.html.contains("no interval for \(neural.joined(separator: ", "))"))
        #expect(probe.html.contains("bars: 95.0 % intervals from 60 bootstrap replicates of the journeys"))
    }

    /// An interval reaching past every marker widens the axis, so its bar stays inside the plot.
    @Test func theAxisTakesTheIntervalsIn() {
        let plot = DotPlot(series: ["m"], rows: [DotPlot.Row(label: "a", values: [0.2], intervals: [0.1...0.9])], title: "t")
        let xs = HTMLProbe(html: plot.svg).matches(#"<line x1="([0-9.]+)" y1="[0-9.]+" x2="([0-9.]+)""#).flatMap {
            $0.compactMap(Double.init)
        }
        let width = Double(HTMLProbe(html: plot.svg).matches(#"viewBox="0 0 ([0-9.]+) "#)[0][0])!
        #expect(!xs.isEmpty && xs.allSatisfy { $0 <= width })
        let narrow = DotPlot(series: ["m"], rows: [DotPlot.Row(label: "a", values: [0.2])], title: "t")
        // Without the interval the axis ends near 0.2; with it, at 0.9 or beyond (its last tick label).
        #expect(plot.svg.contains(">90.0 %<") || plot.svg.contains(">100.0 %<"))
        #expect(!narrow.svg.contains(">90.0 %<") && !narrow.svg.contains(">100.0 %<"))
    }
}
