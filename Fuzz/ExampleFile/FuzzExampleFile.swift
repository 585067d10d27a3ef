// Fuzzes the `.mtax` reader (`ExampleFile.decode`, what `ExampleFile.read` runs on the
// mapped file; `FramedFile` underneath). Property: a file that encodes and decodes back
// to itself, or an `InputError` naming the file with a reason.
import AttributionCore
import Foundation
import FuzzSupport

@testable import AttributionIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExampleFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(bytes(data, size))
    do {
        let file = try ExampleFile.decode(input, path: "fuzz.mtax")
        let again = try file.encoded()
        let back = try again.withUnsafeBytes { try ExampleFile.decode($0, path: "again.mtax") }
        if back != file { violation("encoded and decoded, the file changed") }
    } catch {
        checkFileError(error, path: "fuzz.mtax")
    }
    return 0
}

@main enum FuzzExampleFile {
    static func main() { runFuzzer(fuzzExampleFile) }
}
