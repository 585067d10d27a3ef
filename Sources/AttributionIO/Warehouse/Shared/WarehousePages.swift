import AttributionCore

/// How an engine reads the events: each query is one or more pages of whole users
/// (its rows sorted by user). With `rowsPerPage`, a query's rows are also cut into
/// pages at the first user boundary past that many rows.
struct WarehousePagePlan {
    var queries: [String]
    var rowsPerPage: Int? = nil
}

extension WarehouseSource {
    /// Touch counts per channel, when top-N needs them before the first page.
    func touchCounts(_ connection: Connection, journeys: JourneyOptions) async throws -> [String: Int] {
        guard journeys.topChannels != nil else { return [:] }
        return try await touchCounts(connection)
    }

    /// Touch rows per channel: for top-N, and for the error when nothing converts
    /// (then every row is a touch, so these are the rows per event name).
    func touchCounts(_ connection: Connection) async throws -> [String: Int] {
        let sql = try WarehouseQuery.touchCounts(options, from: try fromItem(), dialect: dialect, source: place)
        var counts: [String: Int] = [:]
        try await forEachRow(sql, on: connection) { row in
            if let name = try row.string(at: 0), !name.isEmpty { counts[name] = Int(try row.int64(at: 1) ?? 0) }
        }
        return counts
    }

    /// The event route: the page plan's rows, each page cut into journeys before the
    /// next is read, so memory holds one page of events.
    func readJourneys(
        _ connection: Connection, options journeyOptions: JourneyOptions,
        onPhase: @Sendable (String, Double) -> Void = { _, _ in }
    ) async throws -> (PagedJourneyBuilder, ReadReport) {
        var journeys = PagedJourneyBuilder(
            options: journeyOptions, touchCounts: try await touchCounts(connection, journeys: journeyOptions))
        let plan = try await pagePlan(on: connection)
        var rows = WarehouseEventAssembler(source: description, options: options)
        var clock = PhaseClock()
        defer { clock.report(onPhase) }
        for query in plan.queries {
            clock.startQuery()
            var lastUser: [UInt8] = []
            try await forEachRow(query, on: connection) { row in
                clock.row()
                try withEventRow(row) { e in
                    guard let user = e.user, let event = e.event, let time = e.time else { rows.skipNull(); return }
                    if let rowsPerPage = plan.rowsPerPage, !user.elementsEqual(lastUser) {
                        if rows.pendingRows >= rowsPerPage { journeys.add(rows.takePage()) }
                        lastUser = Array(user)
                    }
                    try rows.add(user: user, event: event, time: time, flag: e.flag, value: e.value)
                }
            }
            journeys.add(rows.takePage())
        }
        let report = try await rows.finishPages { try await touchCounts(connection) }
        return (journeys, report)
    }
}
