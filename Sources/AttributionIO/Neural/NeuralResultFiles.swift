import AttributionCore

/// The neural explanation as CSV: `neural_by_day.csv` and `neural_channels.csv`.
/// Negative values are written as they are, never clipped.
public enum NeuralResultFiles {
    /// `days_before_conversion,channel,value,share`, the conversion day first; the
    /// shares are of the total over every cell, so the file sums to 1.
    public static func byDay(_ e: NeuralExplanation, channels names: [String]) -> String {
        var csv = CSVWriter(header: ["days_before_conversion", "channel", "value", "share"])
        let total = e.total
        for k in 0..<e.days {
            for c in 0..<e.channels {
                let v = e.cell(daysBeforeConversion: k, channel: c)
                csv.appendRow([String(k), names[c], CSVWriter.number(v), CSVWriter.number(total != 0 ? v / total : 0)])
            }
        }
        return csv.text
    }

    /// Per channel: the summed value, its share (normalized), the conversions it
    /// stands for (share × conversions), and the sampling standard error of the value.
    public static func channels(_ e: NeuralExplanation, channels names: [String]) -> String {
        var csv = CSVWriter(header: ["channel", "value", "share", "conversions", "standard_error"])
        let share = e.channelShare, conversions = e.channelConversions
        for c in 0..<e.channels {
            csv.appendRow([names[c], CSVWriter.number(e.channelValue[c]), CSVWriter.number(share[c]),
                           CSVWriter.number(conversions[c]), CSVWriter.number(e.channelError[c])])
        }
        return csv.text
    }
}
