import AttributionCore
import Foundation

/// A file written piece by piece under a temporary name in its folder and renamed
/// into place by `commit()`, so memory holds one piece at a time and a failure
/// leaves no partial file under the final name. Every write is carried to
/// completion: a short write continues where it stopped, an interrupted one is
/// retried, an error names the file and how far it got.
public final class StreamingFile {
    /// `write(2)`'s shape, replaceable so tests can feed short and interrupted writes.
    public typealias WriteFunction = (Int32, UnsafeRawPointer, Int) -> Int

    public let path: String
    let temporary: String
    private var fd: Int32
    private let write: WriteFunction
    public private(set) var bytesWritten = 0

    public init(path: String, write: @escaping WriteFunction = { Glibc.write($0, $1, $2) }) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError(file: path, message: "cannot create: \(String(cString: strerror(errno)))") }
        self.write = write
    }

    deinit { discard() }

    public func append(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(fd >= 0, "append after commit or discard")
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, min(FileWriter.chunk, bytes.count - offset))
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                discard()
                throw InputError(file: path, message: "cannot write after \(bytesWritten + offset) bytes: \(reason)")
            }
            offset += n
        }
        bytesWritten += bytes.count
    }

    public func append(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try append($0) } }

    /// Flushes to disk and renames over `path`.
    public func commit() throws {
        precondition(fd >= 0, "commit after commit or discard")
        if fsync(fd) != 0 {
            let reason = String(cString: strerror(errno))
            discard()
            throw InputError(file: path, message: "cannot flush to disk: \(reason)")
        }
        close(fd)
        fd = -1
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw InputError(file: path, message: "cannot rename the finished file into place: \(reason)")
        }
    }

    /// Drops the temporary file (nothing under `path` changes).
    public func discard() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        unlink(temporary)
    }
}
