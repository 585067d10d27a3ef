/// Where a run's results go: a folder of files, database tables, the report.
/// Each sink writes all or nothing.
public protocol ResultSink: Sendable {
    /// Where, for messages ("results/", "postgres table mta_attribution").
    var description: String { get }
    func write(_ document: AttributionDocument, input: AttributionInputSnapshot) async throws
}
