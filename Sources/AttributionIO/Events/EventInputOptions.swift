import AttributionCore
/// How to read an event-level CSV: which columns hold what, and what a conversion is.
public struct EventInputOptions: Sendable {
    public enum Conversion: Sendable, Equatable {
        /// Rows whose event column equals this name are conversions (and not touches).
        case event(String)
        /// Rows whose column is 1/true are touches that end in a conversion.
        case column(String)
    }

    public var userColumn = "user_id"
    public var eventColumn = "event"
    public var timeColumn = "timestamp"
    /// Revenue on conversion rows.
    public var valueColumn: String? = nil
    public var conversion: Conversion
    /// Skip rows with errors (counted and reported) instead of stopping.
    public var skipBadRows = false
    /// Advanced by the bytes parsed, for a progress meter.
    public var progress: StageProgress? = nil

    public init(conversion: Conversion) { self.conversion = conversion }

    /// The error for input where nothing converts: every model would credit nothing.
    public func noConversion(in source: String, rows: Int) -> InputError {
        switch conversion {
        case .event(let name):
            InputError(file: source, column: eventColumn, value: name, message: "the conversion event never occurs (\(rows) rows read)")
        case .column(let name):
            InputError(file: source, column: name, message: "no row is marked as a conversion (1 or true) in \(rows) rows")
        }
    }
}
