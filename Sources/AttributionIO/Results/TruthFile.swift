import AttributionCore

/// `truth.csv`, written by `mta generate --truth` and read by `mta evaluate`, and
/// `evaluation.csv`, what `mta evaluate` makes of it. Writer and reader sit together
/// so that what one quotes the other unquotes (a channel may hold commas and quotes).
public enum TruthFile {
    static let header = ["channel", "effect", "incremental_conversions", "share", "incremental_revenue", "users_touched"]

    /// `channel,effect,incremental_conversions,share,incremental_revenue,users_touched`;
    /// share is empty when no channel helped on balance.
    public static func csv(_ truth: [ChannelTruth]) -> String {
        var csv = CSVWriter(header: header)
        for t in truth {
            csv.appendRow([
                t.channel, CSVWriter.number(t.effect), String(t.incrementalConversions),
                t.share.map(CSVWriter.number) ?? "", CSVWriter.number(t.incrementalRevenue), String(t.usersTouched),
            ])
        }
        return csv.text
    }

    /// The true share per channel: only the channel and share columns are read.
    public static func read(path: String) throws -> [String: Double] {
        let file = try MappedFile(path: path)
        let header = try CSVHeader(file: file)
        guard header.names.contains(where: { $0.lowercased() == "channel" }),
            header.names.contains(where: { $0.lowercased() == "share" })
        else {
            throw InputError(
                file: path, line: 1,
                message:
                    "needs the columns channel and share (the truth file of `mta generate --truth`); found \(header.names.joined(separator: ", "))"
            )
        }
        let channelColumn = try header.index(of: "channel", file: path)
        let shareColumn = try header.index(of: "share", file: path)
        let width = header.names.count

        var truth: [String: Double] = [:]
        var scanner = CSVScanner(bytes: file.bytes, start: header.bodyStart)
        var fields: [CSVField] = []
        while true {
            let offset: Int?
            do { offset = try scanner.next(into: &fields) } catch { throw file.inputError(error.naming(header.names)) }
            guard let offset else { break }
            func fail(_ column: String, _ value: String?, _ message: String) -> InputError {
                file.inputError(RowProblem(offset: offset, column: column, value: value, message: message))
            }
            guard fields.count == width else {
                let count = "row has \(fields.count) field\(fields.count == 1 ? "" : "s"), the header has \(width)"
                if fields.count < width { throw fail(header.names[fields.count], nil, count) }
                throw fail("field \(width + 1) (the header has \(width))", scanner.string(fields[width]), count)
            }
            let channel = scanner.string(fields[channelColumn]), raw = scanner.string(fields[shareColumn]).trimmingSpaces
            guard !channel.isEmpty else { throw fail(header.names[channelColumn], channel, "empty channel name") }
            guard !raw.isEmpty else {
                throw fail(
                    header.names[shareColumn], raw,
                    "no share: no channel helped on balance in this data, so there are no true shares to compare with")
            }
            guard let share = Double(raw), share.isFinite else { throw fail(header.names[shareColumn], raw, "not a number") }
            guard truth[channel] == nil else { throw fail(header.names[channelColumn], channel, "channel listed twice") }
            truth[channel] = share
        }
        guard !truth.isEmpty else { throw InputError(file: path, message: "no channel rows after the header") }
        return truth
    }

    /// `model,distance_to_truth,rank_correlation`, closest first; an empty rank
    /// correlation where either side ranks every channel the same.
    public static func evaluationCSV(_ e: TruthEvaluation) -> String {
        var csv = CSVWriter(header: ["model", "distance_to_truth", "rank_correlation"])
        for s in e.scores {
            csv.appendRow([s.model, CSVWriter.number(s.distance), s.rankCorrelation.map(CSVWriter.number) ?? ""])
        }
        return csv.text
    }

    public static let evaluationFileName = "evaluation.csv"
}
