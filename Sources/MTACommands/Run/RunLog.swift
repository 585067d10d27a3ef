import AttributionCore
import AttributionIO
import Foundation
import Logging

/// Stage lines of `mta run`: readable text on standard error (a live line per
/// stage on a terminal), JSON lines with `--log-format json`, nothing with `--quiet`.
struct RunLog: Sendable {
    enum Format: String, CaseIterable, Sendable { case text, json }

    let logger: Logger
    let quiet: Bool

    init(format: Format, quiet: Bool) {
        self.quiet = quiet
        var logger = Logger(label: "mta.run") { label in
            switch format {
            case .json: JSONLineLogHandler()
            case .text: TextLineLogHandler()
            }
        }
        logger.logLevel = quiet ? .warning : .info
        self.logger = logger
    }

    func stage(_ name: String, seconds: Double) {
        logger.info("\(name)", metadata: ["seconds": .string(String(format: "%.3f", seconds))])
    }

    func info(_ message: String, _ metadata: Logger.Metadata = [:]) { logger.info("\(SecretMask.mask(message))", metadata: metadata) }
    func warning(_ message: String) { logger.warning("\(SecretMask.mask(message))") }
}

/// `2026-11-23T04:00:00Z info read events seconds=1.234`.
struct TextLineLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (metadata.merging(event.metadata ?? [:]) { $1 }).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let line = ([Timestamp.iso(Date()), event.level.rawValue, SecretMask.mask("\(event.message)")] + fields).joined(separator: " ")
        // On a terminal, clear the progress bar's line first; the meter redraws it.
        let clear = isatty(2) == 1 ? "\r\u{1B}[K" : ""
        FileHandle.standardError.write(Data((clear + line + "\n").utf8))
    }
}

/// One JSON object per line: time, level, message and metadata, for log pipelines.
struct JSONLineLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var members: [(String, JSONValue)] = [
            ("time", .string(Timestamp.iso(Date()))),
            ("level", .string(event.level.rawValue)),
            ("message", .string(SecretMask.mask("\(event.message)"))),
        ]
        for (k, v) in (metadata.merging(event.metadata ?? [:]) { $1 }).sorted(by: { $0.key < $1.key }) {
            members.append((k, .string(SecretMask.mask("\(v)"))))
        }
        FileHandle.standardError.write(Data((JSONValue.object(members).compact + "\n").utf8))
    }
}
