/// A grid of cells shaded by value (0 … `maximum`), rows labelled on the left and
/// columns on top in slanted text sized to the longest name, each cell with its value.
struct HeatMap {
    var rowLabels: [String]
    var columnLabels: [String]
    /// values[row][column]; nil cells are left blank.
    var values: [[Double?]]
    var title: String
    var format: (Double) -> String = NumberFormat.percent
    var cellWidth = 46.0
    var cellHeight = 22.0

    var svg: String {
        let labelWidth = (rowLabels.map { SVG.textWidth($0) }.max() ?? 0) + 10
        // Column labels at -45°: their height is their width / √2 plus the font.
        let longest = columnLabels.map { SVG.textWidth($0, size: SVG.smallFont) }.max() ?? 0
        let header = longest * 0.7072 + 18
        let width = labelWidth + cellWidth * Double(columnLabels.count) + longest * 0.7072 + 8
        let height = header + cellHeight * Double(rowLabels.count) + 6
        let maximum = values.flatMap { $0.compactMap { $0 } }.filter(\.isFinite).max() ?? 0
        var body = ""
        for (c, label) in columnLabels.enumerated() {
            let x = labelWidth + (Double(c) + 0.5) * cellWidth
            body += SVG.text(
                label, x: x, y: header - 6, size: SVG.smallFont,
                extra: " transform=\"rotate(-45 \(SVG.fmt(x)) \(SVG.fmt(header - 6)))\"")
        }
        for (r, label) in rowLabels.enumerated() {
            let y = header + Double(r) * cellHeight
            body += SVG.text(label, x: labelWidth - 6, y: y + cellHeight / 2 + 4, anchor: "end")
            for c in columnLabels.indices {
                let x = labelWidth + Double(c) * cellWidth
                guard let v = values[r][c], v.isFinite else {
                    body += SVG.rect(x: x, y: y, width: cellWidth - 1, height: cellHeight - 1, fill: "#f4f4f4")
                    continue
                }
                let t = maximum > 0 ? max(v, 0) / maximum : 0
                body += SVG.rect(
                    x: x, y: y, width: cellWidth - 1, height: cellHeight - 1, fill: Palette.sequential(t),
                    title: "\(label) → \(columnLabels[c]): \(format(v))")
                body += SVG.text(
                    format(v), x: x + cellWidth / 2, y: y + cellHeight / 2 + 3.5, anchor: "middle",
                    size: 9, fill: Palette.textOn(t))
            }
        }
        return SVG.root(width: width, height: height, label: title, body)
    }
}
