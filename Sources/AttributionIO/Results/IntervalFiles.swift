import AttributionCore

/// `attribution_intervals.csv` and the intervals' part of `attribution.json`.
public enum IntervalFiles {
    public static let fileName = "attribution_intervals.csv"
    public static let header = ["model", "channel", "conversions_low", "conversions_high", "share_low", "share_high"]

    /// One row per model with intervals and channel, channels in name order as in attribution.csv.
    public static func csv(_ report: IntervalReport) -> String {
        var w = CSVWriter(header: header)
        for m in report.models {
            for c in ResultFiles.channelOrder(m.channels) {
                let i = m.intervals[c]
                w.appendRow([
                    m.model, m.channels.names[c], CSVWriter.number(i.conversionsLow), CSVWriter.number(i.conversionsHigh),
                    CSVWriter.number(i.shareLow), CSVWriter.number(i.shareHigh),
                ])
            }
        }
        return w.text
    }

    /// The method and what it covers, once per document; `without` names the results that got no interval.
    static func json(_ report: IntervalReport, without: [String]) -> JSONValue {
        .object([
            ("method", .string("percentile intervals from a Poisson bootstrap of the journeys")),
            ("covers", .string("sampling noise of the journeys, not model error")),
            ("level", .number(report.options.level)),
            ("replicates", .integer(report.options.replicates)),
            ("seed", .integer(Int(truncatingIfNeeded: report.options.seed))),
            ("excluded_models", .array(report.excludedModels.map { .string($0) })),
            ("without_interval", .array(without.map { .string($0) })),
        ])
    }

    static func json(_ i: CreditInterval) -> JSONValue {
        .object([
            ("conversions_low", .number(i.conversionsLow)),
            ("conversions_high", .number(i.conversionsHigh)),
            ("share_low", .number(i.shareLow)),
            ("share_high", .number(i.shareHigh)),
        ])
    }
}
