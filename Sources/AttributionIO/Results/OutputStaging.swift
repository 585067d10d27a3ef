import AttributionCore
import Foundation

/// Collects output files and publishes them together: each is written under a
/// temporary name in the target folder, then renamed, so a failure never leaves a
/// half-written result behind.
public struct OutputStaging {
    public let directory: URL
    private var files: [(name: String, data: Data)] = []

    public init(directory: URL) { self.directory = directory }

    public mutating func add(_ name: String, _ text: String) { files.append((name, Data(text.utf8))) }
    public mutating func add(_ name: String, _ data: Data) { files.append((name, data)) }

    public var names: [String] { files.map(\.name) }

    public func commit() throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: directory.path, message: "cannot create the output folder: \(error.localizedDescription)")
        }
        let suffix = ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        var written: [URL] = []
        do {
            for file in files {
                let temp = directory.appendingPathComponent("." + file.name + suffix)
                written.append(temp)
                try FileWriter.write(file.data, to: temp.path)
            }
            for (file, temp) in zip(files, written) {
                let final = directory.appendingPathComponent(file.name)
                if rename(temp.path, final.path) != 0 {
                    throw InputError(
                        file: final.path, message: "cannot rename \(temp.lastPathComponent) into place: \(String(cString: strerror(errno)))"
                    )
                }
            }
        } catch {
            for temp in written { try? fm.removeItem(at: temp) }
            if let e = error as? InputError { throw e }
            throw InputError(file: directory.path, message: "cannot write results: \(error.localizedDescription)")
        }
    }
}

/// Writes one file atomically (temporary name in the same folder, then rename).
public func writeFileAtomically(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    var staging = OutputStaging(directory: url.deletingLastPathComponent())
    staging.add(url.lastPathComponent, data)
    try staging.commit()
}
