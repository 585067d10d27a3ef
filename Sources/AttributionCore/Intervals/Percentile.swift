/// Percentiles of a sample, interpolated between order statistics (Hyndman & Fan
/// type 7, the default of R and NumPy): q = 0 is the minimum, q = 1 the maximum.
enum Percentile {
    static func of(sorted values: [Double], _ q: Double) -> Double {
        precondition(!values.isEmpty && (0...1).contains(q))
        let h = Double(values.count - 1) * q
        let lower = Int(h.rounded(.down))
        guard lower + 1 < values.count else { return values[values.count - 1] }
        return values[lower] + (h - Double(lower)) * (values[lower + 1] - values[lower])
    }
}
