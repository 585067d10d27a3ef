// Fuzzes the config reader (`ConfigFile.parse`: YAML through Yams, then flat keys and
// `${VAR}` expansion). The input is the file's text. Property: entries whose lines lie
// within the file, or an `InputError` naming the file and a line within it.
import AttributionCore
import FuzzSupport

@testable import AttributionIO

private let environment = ["MTA_FUZZ_PASSWORD": "s3cret", "MTA_FUZZ_EMPTY": ""]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: bytes(data, size), as: UTF8.self)
    // YAML also breaks lines at CR, NEL, LS and PS: count every one (an upper bound).
    let lines = 1 + text.unicodeScalars.reduce(0) { n, c in n + ("\n\r\u{85}\u{2028}\u{2029}".unicodeScalars.contains(c) ? 1 : 0) }
    do {
        let config = try ConfigFile.parse(text, path: "fuzz.yaml", environment: environment)
        for e in config.entries where !(1...lines).contains(e.line) {
            violation("entry \(e.key) on line \(e.line) of \(lines)")
        }
        if config.secrets.contains(where: { !environment.values.contains($0) }) { violation("a secret not from the environment") }
    } catch let e as InputError {
        guard e.file == "fuzz.yaml", let line = e.line, (1...lines).contains(line) else {
            violation("error without a line within the file's \(lines): \(e)")
        }
    } catch {
        violation("not an InputError: \(type(of: error)) \(error)")
    }
    return 0
}

@main enum FuzzConfig {
    static func main() { runFuzzer(fuzzConfig) }
}
