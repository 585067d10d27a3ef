import AttributionCore

/// SQL text shared by the warehouse sources (paged reads and the push-down), with
/// every identifier and literal through `SQLText` and every error an `InputError`
/// naming the source.
enum WarehouseQuery {
    /// user, event, time[, value][, conversion flag], quoted, in that order.
    static func eventColumns(_ o: EventInputOptions, dialect: SQLDialect, source: String) throws -> [String] {
        try SQLTextError.reporting(in: source) {
            var columns = [
                try SQLText.column(o.userColumn, setting: "--user-column", dialect: dialect),
                try SQLText.column(o.eventColumn, setting: "--event-column", dialect: dialect),
                try SQLText.column(o.timeColumn, setting: "--time-column", dialect: dialect),
            ]
            if let v = o.valueColumn { columns.append(try SQLText.column(v, setting: "--value-column", dialect: dialect)) }
            if case .column(let c) = o.conversion {
                columns.append(try SQLText.column(c, setting: "--conversion-column", dialect: dialect))
            }
            return columns
        }
    }

    /// The relation as a FROM item (see `WarehouseRelation.fromItem`).
    static func from(_ relation: WarehouseRelation, dialect: SQLDialect, source: String) throws -> String {
        try SQLTextError.reporting(in: source) { try relation.fromItem(dialect: dialect) }
    }

    /// The conversion event's name as a literal.
    static func conversionEvent(_ name: String, dialect: SQLDialect, source: String) throws -> String {
        try SQLTextError.reporting(in: source) { try SQLText.literal(name, setting: "--conversion-event", dialect: dialect) }
    }

    /// Touch rows per channel over the whole relation (rows the event readers keep),
    /// so that top-N is known before the first page of events is cut.
    static func touchCounts(_ o: EventInputOptions, from: String, dialect: SQLDialect, source: String) throws -> String {
        let c = try eventColumns(o, dialect: dialect, source: source)
        var filter = "\(c[0]) IS NOT NULL AND \(c[1]) IS NOT NULL AND \(c[2]) IS NOT NULL"
        if case .event(let name) = o.conversion {
            filter += " AND \(c[1]) <> " + (try conversionEvent(name, dialect: dialect, source: source))
        }
        return "SELECT CAST(\(c[1]) AS VARCHAR), COUNT(*) FROM \(from) WHERE \(filter) GROUP BY 1"
    }

    /// The push-down path query.
    static func pushDown(
        _ relation: WarehouseRelation, options: EventInputOptions, journeys: JourneyOptions,
        dialect: SQLDialect, source: String
    ) throws -> String {
        try SQLTextError.reporting(in: source) {
            try PathPushDown.query(EventRelation(relation: relation, columns: options), journeys: journeys, dialect: dialect)
        }
    }
}
