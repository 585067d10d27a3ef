import AttributionCore

/// Something files are added to before they are published together.
public protocol FileStaging {
    mutating func add(_ name: String, _ text: String)
}

extension OutputStaging: FileStaging {}
extension OutputFolder: FileStaging {}

/// `attribution.csv`, `attribution.json` and each model's own tables.
public enum ResultFiles {
    public static let csvName = "attribution.csv"
    public static let jsonName = "attribution.json"

    public static func stage(_ doc: AttributionDocument, into staging: inout some FileStaging) {
        staging.add(csvName, attributionCSV(doc.results))
        staging.add(jsonName, json(doc).serialized() + "\n")
        for result in doc.results {
            for table in result.tables { staging.add(table.fileName, csv(table)) }
        }
        if let intervals = doc.intervals { staging.add(IntervalFiles.fileName, IntervalFiles.csv(intervals)) }
    }

    /// Channels in name order, so files from different runs line up.
    static func channelOrder(_ channels: ChannelIndex) -> [Int] {
        (0..<channels.count).sorted { channels.names[$0] < channels.names[$1] }
    }

    public static func attributionCSV(_ results: [ModelResult]) -> String {
        var w = CSVWriter(header: ["model", "channel", "conversions", "share", "revenue"])
        for r in results {
            let shares = r.shares
            for c in channelOrder(r.channels) {
                w.appendRow([
                    r.model, r.channels.names[c], CSVWriter.number(r.conversions[c]),
                    CSVWriter.number(shares[c]), r.revenue.map { CSVWriter.number($0[c]) } ?? "",
                ])
            }
        }
        return w.text
    }

    static func csv(_ table: DetailTable) -> String {
        var w = CSVWriter(header: table.header)
        for row in table.rows { w.appendRow(row.map(text)) }
        return w.text
    }

    static func text(_ v: DetailValue) -> String {
        switch v {
        case .number(let d): CSVWriter.number(d)
        case .integer(let i): String(i)
        case .text(let s): s
        case .flag(let b): b ? "true" : "false"
        }
    }

    static func json(_ v: DetailValue) -> JSONValue {
        switch v {
        case .number(let d): .number(d)
        case .integer(let i): .integer(i)
        case .text(let s): .string(s)
        case .flag(let b): .bool(b)
        }
    }

    public static func json(_ doc: AttributionDocument) -> JSONValue {
        let s = doc.summary
        var summary: [(String, JSONValue)] = []
        if let users = s.users { summary.append(("users", .integer(users))) }
        summary += [
            ("journeys", .number(s.journeys)),
            ("converting_journeys", .number(s.convertingJourneys)),
            ("null_journeys", .number(s.nullJourneys)),
            ("conversions", .number(s.conversions)),
            ("conversions_without_touch", .number(s.conversionsWithoutTouch)),
            ("revenue", s.revenue.map { .number($0) } ?? .null),
            ("distinct_paths", .integer(s.distinctPaths)),
            ("channels", .integer(s.channels)),
        ]
        let models: [JSONValue] = doc.outcomes.map { outcome in
            switch outcome {
            case .failure(let model, let message):
                return .object([("model", .string(model)), ("status", .string("failed")), ("error", .string(message))])
            case .success(let r):
                let shares = r.shares
                let intervals = doc.intervals?.intervals(for: r.model)
                let channels: [JSONValue] = channelOrder(r.channels).map { c in
                    var channel: [(String, JSONValue)] = [
                        ("channel", .string(r.channels.names[c])),
                        ("conversions", .number(r.conversions[c])),
                        ("share", .number(shares[c])),
                        ("revenue", r.revenue.map { .number($0[c]) } ?? .null),
                    ]
                    // Matched by name: the interval's channel index is the input's, like the credits'.
                    if let intervals, let k = intervals.channels.lookup(r.channels.names[c]) {
                        channel.append(("interval", IntervalFiles.json(intervals.intervals[Int(k)])))
                    }
                    return .object(channel)
                }
                var members: [(String, JSONValue)] = [("model", .string(r.model)), ("status", .string("ok"))]
                if !r.details.isEmpty { members.append(("details", .object(r.details.map { ($0.key, json($0.value)) }))) }
                if !r.tables.isEmpty { members.append(("files", .array(r.tables.map { .string($0.fileName) }))) }
                if let intervals {
                    members.append(("interval_replicates", .integer(intervals.replicates)))
                    if let failure = intervals.firstFailure {
                        members.append(("interval_failures", .integer(intervals.failures)))
                        members.append(("interval_first_failure", .string(failure)))
                    }
                }
                members.append(("channels", .array(channels)))
                return .object(members)
            }
        }
        var document: [(String, JSONValue)] = [
            (
                "input",
                .object([
                    ("file", .string(doc.input)),
                    ("format", .string(doc.format)),
                    ("rows", .integer(doc.read.rows)),
                    ("skipped_rows", .integer(doc.read.skippedRows)),
                ])
            ),
            ("settings", .object(doc.settings)),
            ("summary", .object(summary)),
        ]
        if let intervals = doc.intervals {
            document.append(("intervals", IntervalFiles.json(intervals, without: doc.resultsWithoutInterval)))
        }
        document.append(("models", .array(models)))
        return .object(document)
    }
}
