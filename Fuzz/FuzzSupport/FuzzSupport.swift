@testable import AttributionIO

// Shared by the fuzz targets (built only under MTA_FUZZ=1, see scripts/fuzz.sh):
// libFuzzer's driver, the input as a file for readers that take paths, and the
// property every reader must keep: return a value, or throw an `InputError` that
// says where. Anything else calls `violation`, which aborts so libFuzzer saves the input.
#if canImport(Glibc)
    import AttributionCore
    import Glibc
#endif

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Runs libFuzzer on `callback`. SwiftPM renames an executable's entry point and
/// points `main` at it, so libFuzzer's own `main` never runs: each target's
/// `@main` calls this instead (the same driver libFuzzer's `main` calls).
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

/// A broken property: print why and abort, so libFuzzer records the input as a crash.
public func violation(_ message: String) -> Never {
    let text = "PROPERTY VIOLATION: \(message)\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    abort()
}

public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: size == 0 ? nil : data, count: size)
}

/// The input written to one file in /dev/shm (memory), reused for every run of this process.
public func withInputFile<R>(_ input: UnsafeBufferPointer<UInt8>, suffix: String, _ body: (String) throws -> R) rethrows -> R {
    let path = "/dev/shm/mta-fuzz-\(getpid())\(suffix)"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { violation("cannot write \(path)") }
    var done = 0
    while done < input.count {
        let n = write(fd, input.baseAddress! + done, input.count - done)
        guard n > 0 else { violation("cannot write \(path)") }
        done += n
    }
    close(fd)
    defer { unlink(path) }
    return try body(path)
}

/// Physical lines of the input (a final line without a newline counts).
public func lineCount(_ input: UnsafeBufferPointer<UInt8>) -> Int {
    input.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
}

/// Errors about the file as a whole, which no line or column could locate.
let wholeFileMessages = [
    "empty file: no header row", "no data rows after the header", "every data row was bad",
    "the conversion event never occurs", "no row is marked as a conversion", "no path has any conversion",
]

/// The property for the CSV readers. `error` must be an `InputError` about `path`, with:
/// - no line only for the whole-file errors above;
/// - a line within the file otherwise;
/// - a column too, unless the error is about the header itself (then the header alone
///   fails the same way) or the file's encoding (a NUL byte).
public func checkCSVError(_ error: any Error, path: String, input: UnsafeBufferPointer<UInt8>) {
    guard let e = error as? InputError else { violation("not an InputError: \(type(of: error)) \(error)") }
    guard e.file == path else { violation("error names another file: \(e)") }
    guard let line = e.line else {
        if !wholeFileMessages.contains(where: { e.message.hasPrefix($0) }) { violation("no line: \(e)") }
        return
    }
    guard line >= 1 && line <= lineCount(input) else { violation("line \(line) outside the file's \(lineCount(input)) lines: \(e)") }
    if e.column == nil && !e.message.hasPrefix("NUL byte") {
        let headerError: InputError?
        do { _ = try CSVHeader(file: try MappedFile(path: path)); headerError = nil } catch { headerError = error as? InputError }
        if headerError != e { violation("no column for an error outside the header: \(e)") }
    }
}

/// The property for the binary files: an `InputError` naming the file, with a reason.
public func checkFileError(_ error: any Error, path: String) {
    guard let e = error as? InputError else { violation("not an InputError: \(type(of: error)) \(error)") }
    guard e.file == path, !e.message.isEmpty else { violation("error without the file or a reason: \(e)") }
}
