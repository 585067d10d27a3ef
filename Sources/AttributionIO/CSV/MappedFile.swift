import AttributionCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A whole file mapped read-only into memory: the CSV readers scan its bytes in place.
/// The path `-` is standard input, read whole into memory (a pipe cannot be mapped).
final class MappedFile: @unchecked Sendable {
    let path: String
    let bytes: UnsafeBufferPointer<UInt8>
    private let base: UnsafeMutableRawPointer?
    private let length: Int
    private var isHeap = false

    static let standardInput = "-"

    init(path: String) throws {
        if path == Self.standardInput {
            self.path = "<stdin>"
            (base, length) = try Self.readAll(fd: 0, name: "<stdin>")
            bytes = UnsafeBufferPointer(start: base?.assumingMemoryBound(to: UInt8.self), count: length)
            isHeap = true
            return
        }
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw InputError(file: path, message: "cannot stat: \(String(cString: strerror(errno)))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw InputError(file: path, message: "is a directory, expected a CSV file")
        }
        length = Int(info.st_size)
        if length == 0 {
            base = nil
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        guard let p = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw InputError(file: path, message: "cannot map into memory: \(String(cString: strerror(errno)))")
        }
        base = p
        bytes = UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: length)
    }

    deinit {
        if let base {
            if isHeap { free(base) } else { munmap(base, length) }
        }
    }

    /// Reads a descriptor to its end into one heap block, doubling as it goes.
    private static func readAll(fd: Int32, name: String) throws -> (UnsafeMutableRawPointer?, Int) {
        var capacity = 1 << 20
        guard var buffer = malloc(capacity) else { throw InputError(file: name, message: "out of memory") }
        var count = 0
        while true {
            if count == capacity {
                capacity *= 2
                guard let bigger = realloc(buffer, capacity) else {
                    free(buffer)
                    throw InputError(file: name, message: "out of memory after \(count) bytes")
                }
                buffer = bigger
            }
            let n = read(fd, buffer + count, capacity - count)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                let message = String(cString: strerror(errno))
                free(buffer)
                throw InputError(file: name, message: "cannot read: \(message)")
            }
            count += n
        }
        if count == 0 {
            free(buffer)
            return (nil, 0)
        }
        return (buffer, count)
    }

    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// The start of the page holding `offset`.
    static func pageFloor(_ offset: Int) -> Int { offset & ~(pageSize - 1) }

    /// Gives back the resident pages wholly inside `range` (and the file's last, partial
    /// page when `range` reaches the end): the parser is done with those bytes. A read-only
    /// private file mapping reads such pages again from the file if they are touched later
    /// (an error's line number), so this lowers the resident size and changes nothing else.
    /// Standard input, read into the heap, keeps its bytes.
    func release(_ range: Range<Int>) {
        guard !isHeap, let base else { return }
        let lower = Self.pageFloor(range.lowerBound + Self.pageSize - 1)
        let upper = range.upperBound >= length ? length : Self.pageFloor(range.upperBound)
        guard upper > lower else { return }
        _ = madvise(base + lower, upper - lower, Int32(MADV_DONTNEED))
    }

    /// The offset of the first `byte` from `start` on (memchr, at memory speed), looked for
    /// 16 MiB at a time, each block's pages given back once looked at: a check of the whole
    /// file never holds the whole file.
    func firstIndex(of byte: UInt8, from start: Int = 0) -> Int? {
        guard let p = bytes.baseAddress else { return nil }
        var from = start
        while from < bytes.count {
            let to = min(bytes.count, from + (16 << 20))
            if let hit = memchr(p + from, Int32(byte), to - from) {
                return UnsafeRawPointer(hit) - UnsafeRawPointer(p)
            }
            release(from..<to)
            from = to
        }
        return nil
    }

    /// 1-based physical line of a byte offset (newlines inside quoted fields count).
    func line(at offset: Int) -> Int {
        var n = 1
        for i in 0..<min(offset, bytes.count) where bytes[i] == UInt8(ascii: "\n") { n += 1 }
        return n
    }

    func inputError(_ p: RowProblem) -> InputError {
        InputError(file: path, line: line(at: p.offset), column: p.column, value: p.value, message: p.message)
    }
}
