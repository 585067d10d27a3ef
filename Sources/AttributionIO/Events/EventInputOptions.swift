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
    /// The field separator; nil: a comma, or `;`/tab when the header line shows one.
    public var delimiter: UInt8? = nil
    /// How the user set each column option, by flag (`--user-column` → `--user-column;
    /// key 'columns.user' at mta.yaml:9`), so a missing column says what to change.
    public var settingNames: [String: String] = [:]
    /// Skip rows with errors (counted and reported) instead of stopping.
    public var skipBadRows = false
    /// Advanced by the bytes parsed, for a progress meter.
    public var progress: StageProgress? = nil

    public init(conversion: Conversion) { self.conversion = conversion }

    func settingName(_ flag: String) -> String { settingNames[flag] ?? flag }
}
