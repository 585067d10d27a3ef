import AttributionCore

/// The neural explanation as CSV (`mta explain`): `neural_by_day.csv` and
/// `neural_channels.csv`, the same tables `--models neural` writes. Negative values
/// are written as they are, never clipped.
public enum NeuralResultFiles {
    /// `days_before_conversion,channel,value,share`, the conversion day first; the
    /// shares are of the total over every cell, so the file sums to 1.
    public static func byDay(_ e: NeuralExplanation, channels names: [String]) -> String {
        ResultFiles.csv(NeuralModel.byDayTable(e, channels: names))
    }

    /// Per channel: the summed value, its share, the conversions it stands for and the
    /// sampling standard error of the value.
    public static func channels(_ e: NeuralExplanation, channels names: [String]) -> String {
        ResultFiles.csv(NeuralModel.channelTable(e, channels: names))
    }
}
