// Fuzzes `TimestampParser.parse`. It returns milliseconds or nil (it does not throw);
// the property: it never traps, the String and byte entry points agree, spaces around
// change nothing, and a time in the years 0000–9999 written back by the event writer
// (ISO 8601, whole seconds) parses to the same second.
import AttributionCore
import FuzzSupport

@testable import AttributionIO

private let firstDay = CivilDate.days(year: 0, month: 1, day: 1) * 86_400_000
private let endDay = CivilDate.days(year: 10_000, month: 1, day: 1) * 86_400_000

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTimestamp(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    let t = TimestampParser.parse(input)
    if let text = String(validating: input, as: UTF8.self), TimestampParser.parse(text) != t {
        violation("the String and byte parsers disagree")
    }
    let padded = [0x20] + Array(input) + [0x20]
    if padded.withUnsafeBufferPointer({ TimestampParser.parse($0) }) != t { violation("spaces around changed the time") }
    guard let t, t >= firstDay, t < endDay else { return 0 }
    var written: [UInt8] = []
    EventCSVWriter.appendTimestamp(t, to: &written)
    let second = t >= 0 ? t / 1000 * 1000 : (t - 999) / 1000 * 1000
    let back = written.withUnsafeBufferPointer { TimestampParser.parse($0) }
    if back != second {
        violation("\(t) written as \(String(decoding: written, as: UTF8.self)) reads back as \(back.map(String.init) ?? "nil")")
    }
    return 0
}

@main enum FuzzTimestamp {
    static func main() { runFuzzer(fuzzTimestamp) }
}
