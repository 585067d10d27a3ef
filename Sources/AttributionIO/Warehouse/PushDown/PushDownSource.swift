/// Where the events are in the warehouse and what their columns mean.
public struct PushDownSource: Sendable {
    public enum Relation: Sendable, Equatable {
        /// A table or view: `name`, `schema.name` or `catalog.schema.name`.
        case table(String)
        /// A query the user wrote, used as a parenthesised subquery. It is the user's
        /// own SQL, taken as given (a trailing `;` is dropped).
        case query(String)
    }

    public var relation: Relation
    /// Column names and the conversion rule, as for CSV input.
    public var columns: EventInputOptions
    /// Orders events with the same timestamp within a user (e.g. a load sequence or
    /// row id). Without it, ties are ordered touches first, then by event name, then
    /// by value: deterministic, but not necessarily the order of the source.
    public var tiebreakColumn: String?

    public init(relation: Relation, columns: EventInputOptions, tiebreakColumn: String? = nil) {
        self.relation = relation
        self.columns = columns
        self.tiebreakColumn = tiebreakColumn
    }
}
