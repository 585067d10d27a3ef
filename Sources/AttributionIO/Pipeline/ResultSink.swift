import AttributionCore
import Foundation

/// Where a run's results go: a folder of files, database tables. Each sink writes
/// all or nothing; commands hand the document to every sink through `publish`.
public protocol ResultSink: Sendable {
    /// Where, for messages ("results/", "postgres table mta_attribution").
    var description: String { get }
    /// The stage its write is timed and logged under.
    var stage: String { get }
    /// Refusals that can be known before the models run for minutes (a folder in the way).
    func preflight() throws
    /// Writes the document; returns what was written, for the user.
    func write(_ document: AttributionDocument, input: AttributionInputSnapshot) async throws -> SinkReceipt
}

extension ResultSink {
    public func preflight() throws {}
}

/// What one sink wrote.
public struct SinkReceipt: Sendable {
    public enum Kind: Sendable { case files, tables }
    public var kind: Kind
    /// The files or tables written (tables with their row counts), in order.
    public var items: [String]
    /// Where they went: the folder, or the database.
    public var place: String
    /// Seconds the write took (set by `publish`).
    public var seconds = 0.0

    public init(kind: Kind, items: [String], place: String) {
        self.kind = kind
        self.items = items
        self.place = place
    }
}

/// The one handoff from a finished run to its sinks, in the order given; stops at the
/// first sink that fails (what earlier sinks wrote stays: each is whole on its own).
public func publish(
    _ document: AttributionDocument, input: AttributionInputSnapshot, to sinks: [any ResultSink],
    onWritten: (any ResultSink, SinkReceipt) -> Void = { _, _ in }
) async throws -> [SinkReceipt] {
    var receipts: [SinkReceipt] = []
    for sink in sinks {
        let start = Date()
        var receipt = try await sink.write(document, input: input)
        receipt.seconds = Date().timeIntervalSince(start)
        onWritten(sink, receipt)
        receipts.append(receipt)
    }
    return receipts
}
