import Foundation

extension JSONValue {
    /// Significant digits a CSV number keeps: more than any credit or share is known
    /// to, few enough to drop the noise of summing in binary (`9360.000000000005`).
    public static let csvSignificantDigits = 10

    /// A number as people read it in a CSV file: an integer when within 1e-9 (relative)
    /// of one, else at most `csvSignificantDigits` significant digits, shortest form.
    /// attribution.json keeps `format`'s full precision for machines.
    public static func formatRounded(_ d: Double) -> String {
        guard d.isFinite, d != 0 else { return format(d) }
        let nearest = d.rounded()
        if abs(d - nearest) <= 1e-9 * abs(d) && abs(nearest) < 1e15 {
            return format(nearest == 0 ? 0 : nearest)
        }
        // printf rounds the exact binary value to decimal correctly; reading it back gives
        // the double nearest that decimal, whose shortest form has at most those digits.
        let text = String(format: "%.\(csvSignificantDigits - 1)e", d)
        return format(Double(text) ?? d)
    }
}
