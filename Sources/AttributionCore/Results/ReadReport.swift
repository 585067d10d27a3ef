/// What reading a file found besides its rows.
public struct ReadReport: Sendable {
    public var rows = 0
    public var skippedRows = 0
    /// The first few skipped rows' errors, to show the user.
    public var firstSkipped: [InputError] = []
    public static let skippedShown = 5
    /// Rows read whose time falls outside 1970–2200 (kept, but likely a wrong unit or
    /// format), and the first of them.
    public var implausibleTimes = 0
    public var firstImplausibleTime: InputError? = nil

    public init() {}
}
