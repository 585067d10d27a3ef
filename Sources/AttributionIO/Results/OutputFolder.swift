import AttributionCore
import CFileExchange
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A result folder published all or nothing: every file is written into a
/// sibling staging folder, which then replaces the old folder in one atomic
/// exchange of names. A run killed at any instant leaves either the complete
/// old folder or the complete new one (plus, at worst, a staging folder that
/// the next run removes).
public struct OutputFolder {
    public let directory: URL
    private var files: [(name: String, data: Data)] = []
    /// A folder holding one of these was written by mta and may be replaced whole.
    public static let markers = ["attribution.json", "run.json"]

    public init(directory: URL) { self.directory = directory.standardizedFileURL }

    public mutating func add(_ name: String, _ text: String) { files.append((name, Data(text.utf8))) }
    public mutating func add(_ name: String, _ data: Data) { files.append((name, data)) }

    public var names: [String] { files.map(\.name) }

    public func commit() throws {
        let fm = FileManager.default
        let parent = directory.deletingLastPathComponent()
        let name = directory.lastPathComponent
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: parent.path, message: "cannot create the output folder's parent: \(error.localizedDescription)")
        }
        let exists = try checkReplaceable()
        removeAbandonedStaging(in: parent, name: name)

        let staging = parent.appendingPathComponent(".\(name).staging-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files {
                try FileWriter.write(file.data, to: staging.appendingPathComponent(file.name).path)
            }
        } catch {
            try? fm.removeItem(at: staging)
            if let e = error as? InputError { throw e }
            throw InputError(file: directory.path, message: "cannot write results: \(error.localizedDescription)")
        }
        if exists {
            // Swap names atomically; the old results end up under the staging name.
            if mta_exchange_paths(staging.path, directory.path) != 0 {
                let message = String(cString: strerror(errno))
                try? fm.removeItem(at: staging)
                throw InputError(file: directory.path, message: "cannot swap the new results in: \(message)")
            }
        } else if rename(staging.path, directory.path) != 0 {
            let message = String(cString: strerror(errno))
            try? fm.removeItem(at: staging)
            throw InputError(file: directory.path, message: "cannot move the new results into place: \(message)")
        }
        try? fm.removeItem(at: staging)
    }

    /// Fails early, before any work, when the folder could not be replaced later.
    public func preflight() throws { _ = try checkReplaceable() }

    /// Whether the folder exists; an error when it exists but mta may not replace it.
    private func checkReplaceable() throws -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return false }
        guard isDirectory.boolValue else {
            throw InputError(file: directory.path, message: "cannot create the output folder: a file of that name is in the way")
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        if !contents.isEmpty && !Self.markers.contains(where: contents.contains) {
            throw InputError(
                file: directory.path,
                message:
                    "refusing to replace this folder: it holds files mta did not write (\(contents.count) entries, no \(Self.markers.joined(separator: " or "))); choose an empty or new output folder"
            )
        }
        return true
    }

    /// Staging folders of runs that died (their process is gone) are removed.
    private func removeAbandonedStaging(in parent: URL, name: String) {
        let prefix = ".\(name).staging-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            let pid = entry.dropFirst(prefix.count).split(separator: "-").first.flatMap { Int32($0) }
            if let pid, pid != getpid(), kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
            }
        }
    }
}

/// Writes a file in bounded chunks, each write checked to completion (a short
/// write is continued, an error named), so nothing is silently truncated.
public enum FileWriter {
    public static let chunk = 8 << 20

    public static func write(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError(file: path, message: "cannot create: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, min(chunk, raw.count - offset))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw InputError(file: path, message: "cannot write after \(offset) bytes: \(String(cString: strerror(errno)))")
                }
                offset += n
            }
        }
        if fsync(fd) != 0 {
            throw InputError(file: path, message: "cannot flush to disk: \(String(cString: strerror(errno)))")
        }
    }
}
