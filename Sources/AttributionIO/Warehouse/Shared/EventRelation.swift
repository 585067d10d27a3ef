/// Where the events are in the warehouse and what their columns mean: what the
/// push-down query and the paged reads are written from.
public struct EventRelation: Sendable {
    public var relation: WarehouseRelation
    /// Column names and the conversion rule, as for CSV input.
    public var columns: EventInputOptions
    /// Orders events with the same timestamp within a user (e.g. a load sequence or
    /// row id). Without it, ties are ordered touches first, then by event name, then
    /// by value: deterministic, but not necessarily the order of the source.
    public var tiebreakColumn: String?

    public init(relation: WarehouseRelation, columns: EventInputOptions, tiebreakColumn: String? = nil) {
        self.relation = relation
        self.columns = columns
        self.tiebreakColumn = tiebreakColumn
    }
}
