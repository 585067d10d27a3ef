/// What the journeys look like, printed and saved beside every result.
public struct JourneySummary: Sendable, Equatable {
    /// Distinct users; nil for path-level input, which has none.
    public var users: Int?
    public var journeys: Double
    public var convertingJourneys: Double
    public var nullJourneys: Double
    public var conversions: Double
    /// Conversions with no touch before them: counted, credited to no channel.
    public var conversionsWithoutTouch: Double
    public var revenue: Double?
    public var distinctPaths: Int
    public var channels: Int

    public init(paths: PathTable, journeys: JourneySet?, hasValue: Bool) {
        let converting = paths.totalConversions + paths.unattributedConversions
        if let journeys {
            users = journeys.userCount
            self.journeys = Double(journeys.count)
            convertingJourneys = Double(journeys.convertingCount)
        } else {
            users = nil
            self.journeys = converting + paths.totalNulls + paths.unattributedNulls
            convertingJourneys = converting
        }
        nullJourneys = paths.totalNulls + paths.unattributedNulls
        conversions = converting
        conversionsWithoutTouch = paths.unattributedConversions
        revenue = hasValue ? paths.totalValue + paths.unattributedValue : nil
        distinctPaths = paths.count
        channels = paths.channels.count
    }
}
