import AttributionCore
import Foundation

/// `truth.csv` from `mta generate --truth`: the channel and share columns are read
/// (`channel,effect,incremental_conversions,share,…`), and `evaluation.csv`, what
/// `mta evaluate` makes of it.
public enum TruthFile {
    public static func read(path: String) throws -> [String: Double] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw InputError(file: path, message: "cannot read the truth file (\(error.localizedDescription))")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let headerLine = lines.first else { throw InputError(file: path, message: "empty; expected the truth file of `mta generate --truth`") }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let channelColumn = header.firstIndex(of: "channel"), let shareColumn = header.firstIndex(of: "share") else {
            throw InputError(file: path, line: 1, message: "needs the columns channel and share (the truth file of `mta generate --truth`); found \(header.joined(separator: ", "))")
        }
        var truth: [String: Double] = [:]
        for (i, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count else {
                throw InputError(file: path, line: i + 1, message: "\(fields.count) fields, the header has \(header.count)")
            }
            let channel = fields[channelColumn], raw = fields[shareColumn]
            guard !raw.isEmpty else {
                throw InputError(file: path, line: i + 1, column: "share", value: raw,
                                 message: "no share: no channel helped on balance in this data, so there are no true shares to compare with")
            }
            guard let share = Double(raw), share.isFinite else {
                throw InputError(file: path, line: i + 1, column: "share", value: raw, message: "not a number")
            }
            guard truth[channel] == nil else {
                throw InputError(file: path, line: i + 1, column: "channel", value: channel, message: "channel listed twice")
            }
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
