/// Vertical bars over a few short bucket labels (journey length, time to conversion),
/// each bar with its count on top.
struct Histogram {
    var labels: [String]
    var counts: [Double]
    var title: String
    var colour = Palette.primary

    var svg: String {
        let bucketWidth = max(
            44, (labels.map { SVG.textWidth($0, size: SVG.smallFont) }.max() ?? 0) + 8,
            (counts.map { SVG.textWidth(NumberFormat.count($0), size: SVG.smallFont) }.max() ?? 0) + 6)
        let plotHeight = 150.0, top = 18.0
        let width = bucketWidth * Double(labels.count) + 8
        let height = top + plotHeight + 24
        let peak = max(counts.max() ?? 0, 0)
        var body = SVG.line(x1: 4, y1: top + plotHeight, x2: width - 4, y2: top + plotHeight, stroke: Palette.muted)
        for (i, label) in labels.enumerated() {
            let c = max(counts[i], 0)
            let h = peak > 0 ? c / peak * plotHeight : 0
            let x = 4 + Double(i) * bucketWidth
            body += SVG.rect(
                x: x + 3, y: top + plotHeight - h, width: bucketWidth - 6, height: h, fill: colour,
                title: "\(label): \(NumberFormat.count(counts[i]))")
            body += SVG.text(
                NumberFormat.count(counts[i]), x: x + bucketWidth / 2, y: top + plotHeight - h - 4,
                anchor: "middle", size: SVG.smallFont, fill: Palette.muted)
            body += SVG.text(label, x: x + bucketWidth / 2, y: top + plotHeight + 16, anchor: "middle", size: SVG.smallFont)
        }
        return SVG.root(width: width, height: height, label: title, body)
    }
}
