/// Shared SVG plumbing: the root element, text width estimates, text elements.
enum SVG {
    static let fontSize = 12.0
    static let smallFont = 10.0

    /// The root: drawn at its natural size, shrunk to the page width when wider
    /// (so a very long channel name scales the chart down instead of being cut).
    static func root(width: Double, height: Double, label: String, _ body: String) -> String {
        let w = fmt(width), h = fmt(height)
        return "<svg viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" "
            + "role=\"img\" aria-label=\"\(HTML.escape(label))\" class=\"chart\" style=\"max-width:100%;height:auto\">"
            + body + "</svg>"
    }

    /// Width of `text` in a sans-serif font, erring wide: we have no font metrics
    /// offline, and a label that is too wide only wastes space, one too narrow overlaps.
    static func textWidth(_ text: String, size: Double = fontSize) -> Double {
        var em = 0.0
        for ch in text.unicodeScalars {
            switch ch {
            case "i", "l", "j", "'", "|", "!", ".", ",", ":", ";", " ", "I", "f", "t", "r", "(", ")": em += 0.36
            case "m", "w", "M", "W", "@", "%": em += 0.95
            case "A"..."Z", "&": em += 0.74
            case "0"..."9": em += 0.64
            default:
                if ch.properties.isWhitespace {
                    em += 0.36
                } else if ch.value >= 0x1100 {
                    em += 1.05
                }  // CJK, emoji: full width
                else {
                    em += 0.64
                }
            }
        }
        return em * size + 2
    }

    static func text(
        _ s: String, x: Double, y: Double, anchor: String = "start", size: Double = fontSize,
        fill: String = Palette.ink, extra: String = ""
    ) -> String {
        "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" text-anchor=\"\(anchor)\" font-size=\"\(fmt(size))\" fill=\"\(fill)\"\(extra)>\(HTML.escape(s))</text>"
    }

    static func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, title: String? = nil,
        extra: String = ""
    ) -> String {
        let tip = title.map { "<title>\(HTML.escape($0))</title>" } ?? ""
        return
            "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(max(width, 0)))\" height=\"\(fmt(max(height, 0)))\" fill=\"\(fill)\"\(extra)>\(tip)</rect>"
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1) -> String {
        "<line x1=\"\(fmt(x1))\" y1=\"\(fmt(y1))\" x2=\"\(fmt(x2))\" y2=\"\(fmt(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(fmt(width))\"/>"
    }

    /// Coordinates at 0.1 px: enough for the eye, short in the file.
    static func fmt(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}

/// A linear axis over a value range that always includes 0, with round tick steps.
struct LinearScale {
    let lower: Double
    let upper: Double
    let pixels: Double

    init(values: [Double], pixels: Double) {
        var lo = min(0, values.filter(\.isFinite).min() ?? 0)
        var hi = max(0, values.filter(\.isFinite).max() ?? 0)
        if hi == lo { hi = lo + 1 }
        let step = Self.niceStep((hi - lo) / Self.targetTicks)
        lo = (lo / step).rounded(.down) * step
        hi = (hi / step).rounded(.up) * step
        lower = lo
        upper = hi
        self.pixels = pixels
    }

    /// About five intervals: enough gridlines to read a bar, few enough to label.
    static let targetTicks = 5.0

    func position(_ v: Double) -> Double { (v - lower) / (upper - lower) * pixels }

    var ticks: [Double] {
        let step = Self.niceStep((upper - lower) / Self.targetTicks)
        var out: [Double] = []
        var t = lower
        while t <= upper + step * 1e-9 {
            out.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return out
    }

    /// 1, 2, 2.5 or 5 times a power of ten.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var p = 1.0
        while p * 10 <= raw { p *= 10 }
        while p > raw { p /= 10 }
        for m in [1.0, 2.0, 2.5, 5.0, 10.0] where m * p >= raw { return m * p }
        return 10 * p
    }
}
