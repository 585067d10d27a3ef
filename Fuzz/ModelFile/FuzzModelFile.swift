// Fuzzes the `.mtam` reader (`ModelFile.decode`, what `ModelFile.read` runs on the mapped
// file; `FramedFile` underneath). Property: a model whose header and parameters agree,
// or an `InputError` naming the file with a reason.
import AttributionCore
import FuzzSupport

@testable import AttributionIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(bytes(data, size))
    do {
        let file = try ModelFile.decode(input, path: "fuzz.mtam")
        let shape = file.header.shape
        guard shape.problem == nil, file.header.channels.count == shape.channels, file.header.lookbackDays == shape.days,
            file.model.network.parameters.count == ParameterLayout(shape: shape).count,
            file.model.network.parameters.allSatisfy(\.isFinite)
        else { violation("a model whose header and parameters disagree") }
    } catch {
        checkFileError(error, path: "fuzz.mtam")
    }
    return 0
}

@main enum FuzzModelFile {
    static func main() { runFuzzer(fuzzModelFile) }
}
