import AttributionCore

/// SQL text shared by the SQLite and PostgreSQL sources.
enum WarehouseQuery {
    /// A user's query without surrounding space and trailing semicolons, to nest it.
    static func trimmed(_ sql: String) -> String {
        var q = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        while q.hasSuffix(";") { q = String(q.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) }
        return q
    }

    /// user, event, time[, value][, conversion flag], quoted, in that order.
    static func eventColumns(_ o: EventInputOptions, source: String) throws -> [String] {
        var columns = [try SQLIdentifier.quoted(o.userColumn, setting: "--user-column", source: source),
                       try SQLIdentifier.quoted(o.eventColumn, setting: "--event-column", source: source),
                       try SQLIdentifier.quoted(o.timeColumn, setting: "--time-column", source: source)]
        if let v = o.valueColumn { columns.append(try SQLIdentifier.quoted(v, setting: "--value-column", source: source)) }
        if case .column(let c) = o.conversion { columns.append(try SQLIdentifier.quoted(c, setting: "--conversion-column", source: source)) }
        return columns
    }

    /// Touch rows per channel over the whole relation (rows the event readers keep),
    /// so that top-N is known before the first page of events is cut.
    static func touchCounts(_ o: EventInputOptions, from: String, source: String) throws -> String {
        let c = try eventColumns(o, source: source)
        var filter = "\(c[0]) IS NOT NULL AND \(c[1]) IS NOT NULL AND \(c[2]) IS NOT NULL"
        if case .event(let name) = o.conversion {
            filter += " AND \(c[1]) <> '" + name.replacingOccurrences(of: "'", with: "''") + "'"
        }
        return "SELECT CAST(\(c[1]) AS VARCHAR), COUNT(*) FROM \(from) WHERE \(filter) GROUP BY 1"
    }

    /// The push-down path query, errors as `InputError`s naming the source.
    static func pushDown(_ relation: PushDownSource.Relation, options: EventInputOptions, journeys: JourneyOptions,
                         dialect: SQLDialect, source: String) throws -> String {
        do {
            return try PathPushDown.query(PushDownSource(relation: relation, columns: options), journeys: journeys, dialect: dialect)
        } catch let e as PushDownError {
            throw InputError(file: source, value: e.value, message: "\(e.setting): \(e.reason)")
        }
    }
}
