import AttributionCore
import Foundation

/// A folder of result files, replaced whole (`OutputFolder`): attribution.csv,
/// attribution.json, each model's tables, and whatever extra files the command
/// adds (the path table, the HTML report, run.json).
public struct ResultFolderSink: ResultSink {
    public typealias ExtraFile = @Sendable (AttributionDocument, AttributionInputSnapshot) throws -> (name: String, text: String)?

    public let directory: String
    public var extraFiles: [ExtraFile] = []

    public init(directory: String, extraFiles: [ExtraFile] = []) {
        self.directory = directory
        self.extraFiles = extraFiles
    }

    public var description: String { directory }
    public var stage: String { "write results" }

    /// The folder's refusal (files mta did not write, a file in the way) before the
    /// models run for minutes, not after.
    public func preflight() throws { try OutputFolder(directory: URL(fileURLWithPath: directory)).preflight() }

    /// Writes the folder; the receipt names each file by its path.
    public func write(_ document: AttributionDocument, input: AttributionInputSnapshot) async throws -> SinkReceipt {
        let names = try publish(document, input: input)
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        return SinkReceipt(kind: .files, items: names.map { folder.appendingPathComponent($0).relativePath }, place: directory)
    }

    /// Writes the folder and returns the file names in it.
    @discardableResult
    public func publish(_ document: AttributionDocument, input: AttributionInputSnapshot) throws -> [String] {
        var folder = OutputFolder(directory: URL(fileURLWithPath: directory))
        ResultFiles.stage(document, into: &folder)
        for extra in extraFiles {
            if let file = try extra(document, input) { folder.add(file.name, file.text) }
        }
        try folder.commit()
        return folder.names
    }

    /// The path table in the ChannelAttribution format, for `--write-paths`.
    public static let pathTable: ExtraFile = { _, input in
        (PathCSVWriter.fileName, PathCSVWriter.csv(input.input.paths))
    }
}
