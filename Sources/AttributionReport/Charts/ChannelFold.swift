/// Charts show the channels that matter and fold the rest into one bar, so 40
/// channels stay readable; the tables beside them keep every channel.
enum ChannelFold {
    /// Channels drawn one by one before the rest are folded.
    static let shown = 12

    /// The first `shown` of `ordered` (largest first), and the label and indices of the rest.
    static func split<T>(_ ordered: [T]) -> (shown: [T], folded: [T]) {
        ordered.count <= shown + 1 ? (ordered, []) : (Array(ordered.prefix(shown)), Array(ordered.dropFirst(shown)))
    }

    static func label(_ count: Int) -> String { "\(count) other channels" }

    /// The caption's note when channels were folded.
    static func note(_ folded: Int) -> String {
        // Not summed into one row: a sum of many small shares would stretch the axis and squash the rest.
        folded > 0 ? " The \(folded) channels with the least credit are not drawn; the table lists every channel." : ""
    }
}

extension ChannelFold {
    /// A detail chart's rows (largest first) cut to the shown channels, and the caption's
    /// note naming the file that holds them all.
    static func top<T>(_ ordered: [T], file: String) -> (rows: [T], note: String) {
        let (shown, folded) = split(ordered)
        return (shown, folded.isEmpty ? "" : " The \(shown.count) largest of \(ordered.count) channels are drawn; \(file) lists every one.")
    }
}
