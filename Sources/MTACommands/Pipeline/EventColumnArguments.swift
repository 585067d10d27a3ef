import ArgumentParser
import AttributionIO

/// Which event column holds what, and what a conversion is: the same flags for
/// every command that reads events (`attribute`, `run`, `sql`).
struct EventColumnArguments: ParsableArguments {
    @Option(help: "Event name that marks a conversion (event-level input).")
    var conversionEvent: String?

    @Option(help: "0/1/true/false column marking a touch that converted (event-level input).")
    var conversionColumn: String?

    @Option(help: "Revenue column (event-level), or value column (path-level; default total_conversion_value when present).")
    var valueColumn: String?

    @Option(help: "User key column.") var userColumn = "user_id"
    @Option(help: "Channel / event name column.") var eventColumn = "event"
    @Option(help: "Timestamp column.") var timeColumn = "timestamp"

    @Option(
        help:
            "Field separator of CSV input: ',', ';', tab (or \\t) or '|' (default: a comma, or ';'/tab when the header line has no comma but one of those)."
    )
    var delimiter: String?

    func validate() throws {
        if let delimiter, CSVDelimiter.parse(delimiter) == nil {
            throw ValidationError("--delimiter must be one of \(CSVDelimiter.spellings); got '\(delimiter)'")
        }
    }

    /// Exactly one conversion rule; called only where events are read (path input has none).
    func requireConversionRule() throws {
        switch (conversionEvent, conversionColumn) {
        case (nil, nil): throw ValidationError("event-level input needs --conversion-event NAME or --conversion-column COLUMN")
        case (.some, .some): throw ValidationError("give either --conversion-event or --conversion-column, not both")
        default: break
        }
    }

    var eventOptions: EventInputOptions {
        var o = EventInputOptions(conversion: conversionEvent.map { .event($0) } ?? .column(conversionColumn ?? ""))
        o.userColumn = userColumn
        o.eventColumn = eventColumn
        o.timeColumn = timeColumn
        o.valueColumn = valueColumn
        o.delimiter = delimiter.flatMap(CSVDelimiter.parse)
        for flag in ["--user-column", "--event-column", "--time-column", "--value-column", "--conversion-column"] {
            o.settingNames[flag] = ConfigProvenance.name(flag)
        }
        return o
    }

    /// For run.json and attribution.json.
    var conversionSetting: String { conversionEvent.map { "event \($0)" } ?? "column \(conversionColumn ?? "")" }
}
