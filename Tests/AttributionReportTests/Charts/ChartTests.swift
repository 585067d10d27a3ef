import Testing

@testable import AttributionReport

@Suite("Charts")
struct ChartTests {
    static func width(_ svg: String) -> Double {
        let m = HTMLProbe(html: svg).matches(#"viewBox="0 0 ([0-9.]+) "#)
        return Double(m[0][0])!
    }

    @Test func barLabelsGetTheRoomOfTheLongestName() {
        let short = BarChart(bars: [.init(label: "a", value: 1, valueText: "1")], title: "t").svg
        let long = BarChart(
            bars: [
                .init(label: "a", value: 1, valueText: "1"),
                .init(label: String(repeating: "W", count: 60), value: 2, valueText: "2"),
            ], title: "t"
        ).svg
        #expect(Self.width(long) - Self.width(short) >= 60 * 0.7 * SVG.fontSize)
        // The label ends left of the plot: its anchor is the label column's right edge.
        #expect(long.contains("text-anchor=\"end\""))
    }

    @Test func scaleIncludesZeroWithRoundTicks() {
        let s = LinearScale(values: [0.13, 0.42], pixels: 400)
        #expect(s.lower == 0)
        #expect(s.upper == 0.5)
        #expect(s.ticks.count == 6)
        let n = LinearScale(values: [-3, 7], pixels: 100)
        #expect(n.lower < 0 && n.position(0) > 0)
    }

    @Test func heatMapShowsEveryCellValue() {
        let svg = HeatMap(rowLabels: ["x", "y"], columnLabels: ["p", "q"], values: [[0.25, nil], [1, 0]], title: "t").svg
        #expect(svg.contains(">25.0 %<") && svg.contains(">100.0 %<") && svg.contains(">0.0 %<"))
    }

    @Test func paletteIsOkabeIto() {
        #expect(Palette.colours.count == 8)
        #expect(Set((0..<24).map { "\(Palette.series($0))\($0 % DotPlot.shapes)" }).count == 24)
    }
}
