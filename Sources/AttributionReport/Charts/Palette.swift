/// The Okabe–Ito palette: eight colours told apart with every common colour-vision
/// deficiency. Yellow is last: on white it needs its outline to be seen.
enum Palette {
    static let colours = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]
    /// The single-series colour (bars).
    static let primary = "#0072B2"
    static let negative = "#D55E00"
    static let ink = "#222222"
    static let muted = "#666666"
    static let grid = "#dddddd"

    static func series(_ i: Int) -> String { colours[i % colours.count] }

    /// A sequential light-to-dark blue for heat maps (0 … 1); readable in grey print too.
    static func sequential(_ t: Double) -> String {
        let x = min(max(t.isFinite ? t : 0, 0), 1)
        let light = (247.0, 251.0, 255.0), dark = (8.0, 48.0, 107.0)
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * x).rounded()) }
        return rgbHex(mix(light.0, dark.0), mix(light.1, dark.1), mix(light.2, dark.2))
    }

    /// Text on a sequential cell: white once the cell is dark enough.
    static func textOn(_ t: Double) -> String { t > 0.55 ? "#ffffff" : ink }

    static func rgbHex(_ r: Int, _ g: Int, _ b: Int) -> String {
        func hex(_ v: Int) -> String {
            let s = String(min(max(v, 0), 255), radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + hex(r) + hex(g) + hex(b)
    }
}
