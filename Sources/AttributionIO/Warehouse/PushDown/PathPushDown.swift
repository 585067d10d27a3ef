import AttributionCore
import Foundation

/// Writes ONE query that builds the path table inside the warehouse, with the
/// columns `path` (channels joined by ` > `), `total_conversions`,
/// `total_conversion_value` and `total_null` (plus `trimmed_paths` on Redshift):
/// the same table as `JourneyBuilder.build` then `PathTable(journeys:)` in process.
///
/// Shape: one query with no temporary tables, so it runs anywhere SQL runs and
/// the warehouse plans it whole. Every cut and transform is done row by row with
/// window functions (a journey number per user from a running count of
/// conversions, the journey's end time, a channel rank for top-N, LEAD for
/// `exposure`, ROW_NUMBER per channel for `first`/`frequency`, ROW_NUMBER from the
/// end for the trim), then the steps are aggregated once, in order.
///
/// Semantics that follow the in-process pipeline:
/// - events are ordered by time, then the tie-breaker column when given (see
///   `EventRelation.tiebreakColumn`); every ORDER BY is total;
/// - a conversion with no kept touch has the empty path `''` (counted, credited to
///   no channel); a null journey left with no touch is dropped;
/// - lookback keeps a touch when end − touch ≤ N days (24-hour days), the end being
///   the conversion, or a null journey's last touch;
/// - top-N ranks channels by touch count over the whole relation, ties by name
///   in code-point order;
/// - rows with a NULL user, event or timestamp are skipped;
/// - `>` inside a channel name would split the path when it is read back, so it
///   becomes `_` (also in the names given to the removal rules).
public enum PathPushDown {
    public static let separator = " > "
    /// Extra column on dialects whose ordered aggregation is capped (Redshift).
    public static let trimmedPathsColumn = "trimmed_paths"

    /// - Parameter maxPathBytes: cap on a path's length in bytes; paths over it keep
    ///   their last steps and are counted in `trimmed_paths`. Defaults to the
    ///   dialect's limit (65 535 on Redshift, none elsewhere).
    public static func query(
        _ source: EventRelation, journeys options: JourneyOptions, dialect: SQLDialect,
        maxPathBytes: Int?? = nil
    ) throws -> String {
        var writer = try PushDownWriter(
            source: source, options: options, dialect: dialect,
            maxPathBytes: maxPathBytes ?? dialect.maxPathBytes)
        return try writer.write()
    }
}

/// Assembles the query one CTE at a time.
private struct PushDownWriter {
    let options: JourneyOptions
    let d: SQLDialect
    let maxPathBytes: Int?
    let user, event, time: String
    let value, tiebreak: String?
    let conversion: EventInputOptions.Conversion
    let from: String
    private var ctes: [(String, String)] = []

    init(source: EventRelation, options: JourneyOptions, dialect: SQLDialect, maxPathBytes: Int?) throws {
        self.options = options
        self.d = dialect
        self.maxPathBytes = maxPathBytes
        let c = source.columns
        user = try SQLText.column(c.userColumn, setting: "--user-column", dialect: dialect)
        event = try SQLText.column(c.eventColumn, setting: "--event-column", dialect: dialect)
        time = try SQLText.column(c.timeColumn, setting: "--time-column", dialect: dialect)
        value = try c.valueColumn.map { try SQLText.column($0, setting: "--value-column", dialect: dialect) }
        tiebreak = try source.tiebreakColumn.map { try SQLText.column($0, setting: "--tiebreak-column", dialect: dialect) }
        conversion = c.conversion
        from = try source.relation.fromItem(dialect: dialect)
    }

    /// Channel names as the query sees them (see `PathPushDown`: `>` becomes `_`).
    static func channelName(_ name: String) -> String { name.replacingOccurrences(of: ">", with: "_") }

    private func lit(_ s: String, _ setting: String) throws -> String { try SQLText.literal(s, setting: setting, dialect: d) }

    /// The total order of a user's events; `p` prefixes the columns.
    private func eventOrder(_ p: String = "") -> String {
        var keys = ["\(p)mta_ts"]
        if tiebreak != nil { keys.append("\(p)mta_tiebreak") }
        keys += ["\(p)mta_touch DESC", "\(p)mta_event", "\(p)mta_raw_value"]
        return keys.joined(separator: ", ")
    }

    private let journey = "PARTITION BY mta_user, mta_journey"
    private let stepColumns = "mta_user, mta_journey, mta_channel, mta_pos"

    private mutating func add(_ name: String, _ body: String) { ctes.append((name, body)) }

    mutating func write() throws -> String {
        try addEvents()
        add(
            "mta_ordered",
            """
            SELECT e.*,
                SUM(mta_conv) OVER (PARTITION BY mta_user ORDER BY \(eventOrder()) ROWS UNBOUNDED PRECEDING) - mta_conv AS mta_journey
            FROM mta_events e
            """)
        // A journey holds the events after the previous conversion up to and including its own.
        var cut = "mta_ordered"
        if options.rule == .firstConversion {
            add("mta_first_journeys", "SELECT * FROM mta_ordered WHERE mta_journey = 0")
            cut = "mta_first_journeys"
        }
        add(
            "mta_journeys",
            """
            SELECT mta_user, mta_journey, MAX(mta_conv) AS mta_converted, SUM(mta_conv * mta_raw_value) AS mta_value,
                COALESCE(MAX(CASE WHEN mta_conv = 1 THEN mta_ts END), MAX(mta_ts)) AS mta_end
            FROM \(cut)
            GROUP BY mta_user, mta_journey
            """)
        var bounded = cut
        if options.lookbackDays != nil {
            add(
                "mta_bounded",
                """
                SELECT c.*,
                    COALESCE(MAX(CASE WHEN mta_conv = 1 THEN mta_ts END) OVER (\(journey)), MAX(mta_ts) OVER (\(journey))) AS mta_end
                FROM \(cut) c
                """)
            bounded = "mta_bounded"
        }
        try addTouches(from: bounded)
        var steps = "mta_touches"
        let t = options.transforms
        if !t.removeIfNotAll.isEmpty {
            let list = try nameList(t.removeIfNotAll, "--remove-if-not-all")
            add(
                "mta_removed",
                """
                SELECT \(stepColumns) FROM (
                    SELECT s.*, SUM(CASE WHEN mta_channel IN (\(list)) THEN 0 ELSE 1 END) OVER (\(journey)) AS mta_others
                    FROM \(steps) s
                ) x
                WHERE mta_channel NOT IN (\(list)) OR mta_others = 0
                """)
            steps = "mta_removed"
        }
        if !t.removeIfLastAndNotAll.isEmpty {
            let list = try nameList(t.removeIfLastAndNotAll, "--remove-if-last-and-not-all")
            add(
                "mta_removed_last",
                """
                SELECT \(stepColumns) FROM (
                    SELECT s.*, MAX(CASE WHEN mta_channel NOT IN (\(list)) THEN mta_pos END) OVER (\(journey)) AS mta_last_other
                    FROM \(steps) s
                ) x
                WHERE mta_last_other IS NULL OR mta_pos <= mta_last_other
                """)
            steps = "mta_removed_last"
        }
        switch t.kind {
        case .unique: break
        case .exposure:
            // The most recent touch of a run stands for it: keep a step unless the next is the same channel.
            add(
                "mta_exposure",
                """
                SELECT \(stepColumns) FROM (
                    SELECT s.*, LEAD(mta_channel) OVER (\(journey) ORDER BY mta_pos) AS mta_next
                    FROM \(steps) s
                ) x
                WHERE mta_next IS NULL OR mta_next <> mta_channel
                """)
            steps = "mta_exposure"
        case .first:
            add(
                "mta_first_touches",
                """
                SELECT \(stepColumns) FROM (
                    SELECT s.*, ROW_NUMBER() OVER (\(journey), mta_channel ORDER BY mta_pos) AS mta_occurrence
                    FROM \(steps) s
                ) x
                WHERE mta_occurrence = 1
                """)
            steps = "mta_first_touches"
        case .frequency:
            add(
                "mta_frequency",
                """
                SELECT mta_user, mta_journey, mta_channel || '(' || CAST(mta_count AS \(d.textType)) || ')' AS mta_channel, mta_pos FROM (
                    SELECT s.*,
                        ROW_NUMBER() OVER (\(journey), mta_channel ORDER BY mta_pos) AS mta_occurrence,
                        COUNT(*) OVER (\(journey), mta_channel) AS mta_count
                    FROM \(steps) s
                ) x
                WHERE mta_occurrence = 1
                """)
            steps = "mta_frequency"
        }
        if let n = t.maxPathLength {
            add(
                "mta_last_steps",
                """
                SELECT \(stepColumns) FROM (
                    SELECT s.*, ROW_NUMBER() OVER (\(journey) ORDER BY mta_pos DESC) AS mta_from_end
                    FROM \(steps) s
                ) x
                WHERE mta_from_end <= \(n)
                """)
            steps = "mta_last_steps"
        }
        let sep = PathPushDown.separator.utf8.count
        if let cap = maxPathBytes {
            // Keep the last steps that fit; a journey that lost steps is counted.
            add(
                "mta_capped",
                """
                SELECT \(stepColumns), mta_trimmed FROM (
                    SELECT x.*, MAX(CASE WHEN mta_bytes > \(cap) THEN 1 ELSE 0 END) OVER (\(journey)) AS mta_trimmed
                    FROM (
                        SELECT s.*,
                            SUM(\(d.byteLength("mta_channel")) + \(sep)) OVER (\(journey) ORDER BY mta_pos DESC ROWS UNBOUNDED PRECEDING) - \(sep) AS mta_bytes
                        FROM \(steps) s
                    ) x
                ) y
                WHERE mta_bytes <= \(cap)
                """)
            steps = "mta_capped"
        }
        let trimmed = maxPathBytes != nil
        let joined = d.orderedJoin("mta_channel", separator: "'\(PathPushDown.separator)'", orderBy: "mta_pos")
        add(
            "mta_paths",
            """
            SELECT mta_user, mta_journey, \(joined) AS mta_path\(trimmed ? ", MAX(mta_trimmed) AS mta_trimmed" : "")
            FROM \(steps)
            GROUP BY mta_user, mta_journey
            """)
        // A scheduled run's window keeps the journeys that end inside it (as `JourneySet.ending(in:)`).
        let windowFilter =
            options.window.map {
                "\n  AND j.mta_end >= \(d.instant(ms: $0.start)) AND j.mta_end < \(d.instant(ms: $0.end))"
            } ?? ""
        // Converting journeys always count (an empty path is an unattributed conversion);
        // a null journey with no step left has nothing to count.
        add(
            "mta_outcomes",
            """
            SELECT COALESCE(p.mta_path, '') AS mta_path, j.mta_converted, j.mta_value\(trimmed ? ", COALESCE(p.mta_trimmed, 0) AS mta_trimmed" : "")
            FROM mta_journeys j
            LEFT JOIN mta_paths p ON p.mta_user = j.mta_user AND p.mta_journey = j.mta_journey
            WHERE (j.mta_converted = 1 OR p.mta_path IS NOT NULL)\(windowFilter)
            """)
        var out = [
            "mta_path AS \(d.quote("path"))",
            "SUM(mta_converted) AS \(d.quote("total_conversions"))",
            "SUM(mta_value) AS \(d.quote("total_conversion_value"))",
            "SUM(1 - mta_converted) AS \(d.quote("total_null"))",
        ]
        if trimmed { out.append("SUM(mta_trimmed) AS \(d.quote(PathPushDown.trimmedPathsColumn))") }
        // Bodies are not re-indented: a user's query may hold multi-line string literals.
        let body = ctes.map { "\($0.0) AS (\n\($0.1)\n)" }.joined(separator: ",\n")
        return """
            WITH \(body)
            SELECT \(out.joined(separator: ",\n    "))
            FROM mta_outcomes
            GROUP BY mta_path
            ORDER BY mta_path
            """
    }

    private mutating func addEvents() throws {
        let conv: String, touch: String
        switch conversion {
        case .event(let name):
            let l = try lit(name, "--conversion-event")
            conv = "CASE WHEN \(event) = \(l) THEN 1 ELSE 0 END"
            touch = "CASE WHEN \(event) = \(l) THEN 0 ELSE 1 END"
        case .column(let name):
            // As the CSV reader: 1, true or 1.0 (any case, spaces around) converts.
            let c = try SQLText.column(name, setting: "--conversion-column", dialect: d)
            conv = "CASE WHEN LOWER(TRIM(CAST(\(c) AS \(d.textType)))) IN ('1', 'true', '1.0') THEN 1 ELSE 0 END"
            touch = "1"
        }
        let rawValue = value.map { "COALESCE(CAST(\($0) AS \(d.doubleType)), 0)" } ?? "CAST(0 AS \(d.doubleType))"
        var cols = [
            "\(user) AS mta_user",
            "REPLACE(\(event), '>', '_') AS mta_event",
            "\(d.timestamp(time)) AS mta_ts",
            "\(conv) AS mta_conv",
            "\(touch) AS mta_touch",
            "\(rawValue) AS mta_raw_value",
        ]
        if let tiebreak { cols.append("\(tiebreak) AS mta_tiebreak") }
        add(
            "mta_events",
            """
            SELECT
                \(cols.joined(separator: ",\n    "))
            FROM \(from)
            WHERE \(user) IS NOT NULL AND \(event) IS NOT NULL AND \(time) IS NOT NULL
            """)
    }

    private mutating func addTouches(from bounded: String) throws {
        var channel = "b.mta_event"
        var join = ""
        if let top = options.topChannels {
            add(
                "mta_channel_touches",
                """
                SELECT mta_event, COUNT(*) AS mta_touch_count FROM mta_events WHERE mta_touch = 1 GROUP BY mta_event
                """)
            add(
                "mta_channel_rank",
                """
                SELECT mta_event, ROW_NUMBER() OVER (ORDER BY mta_touch_count DESC, \(d.binaryOrder("mta_event"))) AS mta_rank
                FROM mta_channel_touches
                """)
            channel = "CASE WHEN r.mta_rank <= \(top) THEN b.mta_event ELSE \(try lit(JourneyOptions.othersChannel, "--top-channels")) END"
            join = "\nJOIN mta_channel_rank r ON r.mta_event = b.mta_event"
        }
        var filter = "b.mta_touch = 1"
        if let days = options.lookbackDays {
            let ms = Int64((days * 86_400_000).rounded())
            filter += " AND b.mta_ts >= \(d.minus("b.mta_end", milliseconds: ms))"
        }
        add(
            "mta_touches",
            """
            SELECT b.mta_user, b.mta_journey, \(channel) AS mta_channel,
                ROW_NUMBER() OVER (PARTITION BY b.mta_user, b.mta_journey ORDER BY \(eventOrder("b."))) AS mta_pos
            FROM \(bounded) b\(join)
            WHERE \(filter)
            """)
    }

    private func nameList(_ names: [String], _ setting: String) throws -> String {
        try names.map { try lit(Self.channelName($0), setting) }.joined(separator: ", ")
    }
}
