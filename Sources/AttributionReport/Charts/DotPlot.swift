/// Several series (models) per row (channel): one marker per series on a shared
/// axis, told apart by colour and shape, so it also reads in grey print. A value
/// with an interval gets an error bar through its marker, in the series' colour.
struct DotPlot {
    struct Row {
        var label: String
        /// One value per series; nil where the series has no value for the row.
        var values: [Double?]
        /// Per series, the interval drawn as an error bar (empty or nil: none).
        var intervals: [ClosedRange<Double>?] = []
    }

    var series: [String]
    var rows: [Row]
    var title: String
    var tickFormat: (Double) -> String = NumberFormat.percent
    var plotWidth = 460.0

    /// Each series sits a little lower than the one before, so markers with equal
    /// values stay visible side by side instead of hiding each other.
    var rowHeight: Double { max(20, Self.step * Double(series.count) + 8) }
    func offset(_ i: Int) -> Double { (Double(i) - Double(series.count - 1) / 2) * Self.step }
    /// Vertical step between series: markers of equal value overlap by half, not whole.
    static let step = 4.5
    static let shapes = 3

    /// Colour and shape of series `i`: 8 colours × 3 shapes never repeat below 24 series.
    static func marker(_ i: Int, x: Double, y: Double) -> String {
        let colour = Palette.series(i)
        let outline = " stroke=\"#333\" stroke-width=\"0.6\""
        switch i % shapes {
        case 0:
            return "<circle cx=\"\(SVG.fmt(x))\" cy=\"\(SVG.fmt(y))\" r=\"4.5\" fill=\"\(colour)\"\(outline)/>"
        case 1:
            return SVG.rect(x: x - 4, y: y - 4, width: 8, height: 8, fill: colour, extra: outline)
        default:
            let p = "\(SVG.fmt(x)),\(SVG.fmt(y - 5.5)) \(SVG.fmt(x + 5)),\(SVG.fmt(y + 3.5)) \(SVG.fmt(x - 5)),\(SVG.fmt(y + 3.5))"
            return "<polygon points=\"\(p)\" fill=\"\(colour)\"\(outline)/>"
        }
    }

    var svg: String {
        let labelWidth = (rows.map { SVG.textWidth($0.label) }.max() ?? 0) + 10
        let width = labelWidth + plotWidth + 24
        // Legend: series names flowed into lines as wide as the chart.
        var legend = ""
        var x = 4.0, y = 14.0
        for (i, name) in series.enumerated() {
            let w = 16 + SVG.textWidth(name) + 14
            if x + w > width, x > 4 { x = 4; y += 18 }
            legend += Self.marker(i, x: x + 6, y: y - 4) + SVG.text(name, x: x + 16, y: y)
            x += w
        }
        let top = y + 14
        let extents = rows.flatMap {
            $0.values.compactMap { $0 } + $0.intervals.compactMap { $0 }.flatMap { [$0.lowerBound, $0.upperBound] }
        }
        let scale = LinearScale(values: extents, pixels: plotWidth)
        let plotBottom = top + Double(rows.count) * rowHeight
        let height = plotBottom + 24
        var body = legend
        for t in scale.ticks {
            let tx = labelWidth + scale.position(t)
            body += SVG.line(x1: tx, y1: top, x2: tx, y2: plotBottom, stroke: t == 0 ? Palette.muted : Palette.grid)
            body += SVG.text(tickFormat(t), x: tx, y: plotBottom + 16, anchor: "middle", size: SVG.smallFont, fill: Palette.muted)
        }
        for (r, row) in rows.enumerated() {
            let mid = top + (Double(r) + 0.5) * rowHeight
            if r % 2 == 1 {
                body += SVG.rect(
                    x: labelWidth - 4, y: mid - rowHeight / 2, width: plotWidth + 8, height: rowHeight,
                    fill: "#000000", extra: " fill-opacity=\"0.035\"")
            }
            body += SVG.text(row.label, x: labelWidth - 8, y: mid + 4, anchor: "end")
            // Bars first, so every marker sits on top of its bar.
            for (i, interval) in row.intervals.enumerated() {
                guard let interval, interval.lowerBound.isFinite, interval.upperBound.isFinite, i < series.count else { continue }
                body += errorBar(
                    series: i, interval, x: { labelWidth + scale.position($0) }, y: mid + offset(i),
                    title: "\(series[i]), \(row.label): \(tickFormat(interval.lowerBound)) to \(tickFormat(interval.upperBound))")
            }
            for (i, v) in row.values.enumerated() {
                guard let v, v.isFinite else { continue }
                body += Self.marker(i, x: labelWidth + scale.position(v), y: mid + offset(i))
            }
        }
        return SVG.root(width: width, height: height, label: title, body)
    }

    /// A horizontal line over the interval with end caps, titled with its bounds.
    func errorBar(series i: Int, _ interval: ClosedRange<Double>, x: (Double) -> Double, y: Double, title: String) -> String {
        let lo = x(interval.lowerBound), hi = x(interval.upperBound)
        let colour = Palette.series(i)
        return
            "<g class=\"error-bar\" data-series=\"\(HTML.escape(series[i]))\" data-low=\"\(NumberFormat.exact(interval.lowerBound))\" data-high=\"\(NumberFormat.exact(interval.upperBound))\">"
            + "<title>\(HTML.escape(title))</title>"
            + SVG.line(x1: lo, y1: y, x2: hi, y2: y, stroke: colour, width: 1.5)
            + SVG.line(x1: lo, y1: y - 3, x2: lo, y2: y + 3, stroke: colour, width: 1.5)
            + SVG.line(x1: hi, y1: y - 3, x2: hi, y2: y + 3, stroke: colour, width: 1.5)
            + "</g>"
    }
}
