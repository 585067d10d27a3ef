import AttributionCore
import AttributionIO
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Stops two runs of the same config overlapping. An advisory `flock` on a file
/// under the data folder: the kernel releases it when its process dies, so a
/// lock left by a killed run is simply free again; the pid written in the file
/// tells the next run whose lock it took over.
final class RunLock {
    let path: String
    private let fd: Int32
    /// The pid of a run that died holding this lock, when this run took it over.
    let tookOverFrom: Int32?

    init(dataDir: String, key: String) throws {
        let folder = URL(fileURLWithPath: dataDir).appendingPathComponent(".locks")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent(key + ".lock").path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError(file: path, message: "cannot open the run lock: \(String(cString: strerror(errno)))") }
        let previous = Self.pid(in: fd)
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            throw InputError(
                file: path,
                message: "another run of this job is in progress (pid \(previous.map(String.init) ?? "unknown")); not starting a second one"
            )
        }
        tookOverFrom = previous.flatMap { $0 != getpid() && kill($0, 0) != 0 && errno == ESRCH ? $0 : nil }
        let text = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    /// Released when the run ends; the pid is cleared so the next run sees a clean exit.
    func release() {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }

    private static func pid(in fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A file-name-safe key for a config or job: its readable part plus a hash of the whole.
    static func key(for identity: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in identity.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let readable =
            identity.split(separator: "/").last.map { $0.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." } }
            ?? ""
        return String(readable.prefix(40)) + "-" + String(h, radix: 16)
    }
}
