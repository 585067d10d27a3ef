/// Horizontal bars, one per row, labels on the left sized to the longest label:
/// reads the same with 3 channels or 40, and long names are never cut.
/// Negative values grow left of the zero line; optional whiskers show ± an error.
struct BarChart {
    struct Bar {
        var label: String
        var value: Double
        /// Printed at the bar's end.
        var valueText: String
        /// Half-width of an error whisker (e.g. 1.96 standard errors), if any.
        var error: Double? = nil
    }

    var bars: [Bar]
    var title: String
    var colour = Palette.primary
    /// Tick labels on the axis.
    var tickFormat: (Double) -> String = { NumberFormat.grouped($0, decimals: 0) }
    var plotWidth = 420.0

    static let rowHeight = 22.0
    static let barHeight = 14.0

    var svg: String {
        let labelWidth = (bars.map { SVG.textWidth($0.label) }.max() ?? 0) + 10
        let valueWidth = (bars.map { SVG.textWidth($0.valueText) }.max() ?? 0) + 12
        let extents = bars.flatMap { b in [b.value, b.value - (b.error ?? 0), b.value + (b.error ?? 0)] }
        let scale = LinearScale(values: extents, pixels: plotWidth)
        let hasNegative = scale.lower < 0
        // Value texts sit right of positive bars, left of negative ones.
        let left = labelWidth + (hasNegative ? valueWidth : 0)
        let top = 8.0
        let height = top + Double(bars.count) * Self.rowHeight + 26
        let width = left + plotWidth + valueWidth
        var body = ""
        for t in scale.ticks {
            let x = left + scale.position(t)
            body += SVG.line(x1: x, y1: top, x2: x, y2: height - 22, stroke: Palette.grid)
            body += SVG.text(tickFormat(t), x: x, y: height - 8, anchor: "middle", size: SVG.smallFont, fill: Palette.muted)
        }
        let zero = left + scale.position(0)
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * Self.rowHeight
            let mid = y + Self.rowHeight / 2
            body += SVG.text(bar.label, x: labelWidth - 6, y: mid + 4, anchor: "end")
            let end = left + scale.position(bar.value)
            let fill = bar.value < 0 ? Palette.negative : colour
            body += SVG.rect(
                x: min(zero, end), y: mid - Self.barHeight / 2, width: abs(end - zero), height: Self.barHeight,
                fill: fill, title: "\(bar.label): \(bar.valueText)")
            var textX = bar.value < 0 ? min(zero, end) - 4 : max(zero, end) + 4
            if let e = bar.error, e > 0 {
                let lo = left + scale.position(bar.value - e), hi = left + scale.position(bar.value + e)
                body += SVG.line(x1: lo, y1: mid, x2: hi, y2: mid, stroke: Palette.ink, width: 1.5)
                body += SVG.line(x1: lo, y1: mid - 5, x2: lo, y2: mid + 5, stroke: Palette.ink, width: 1.5)
                body += SVG.line(x1: hi, y1: mid - 5, x2: hi, y2: mid + 5, stroke: Palette.ink, width: 1.5)
                textX = bar.value < 0 ? min(textX, lo - 4) : max(textX, hi + 4)
            }
            body += SVG.text(
                bar.valueText, x: textX, y: mid + 4, anchor: bar.value < 0 ? "end" : "start",
                size: SVG.smallFont, fill: Palette.muted)
        }
        body += SVG.line(x1: zero, y1: top, x2: zero, y2: height - 22, stroke: Palette.muted)
        return SVG.root(width: width + 4, height: height, label: title, body)
    }
}
