import AttributionCore

/// Milliseconds since the epoch as ISO 8601 UTC text, `2024-03-01T12:00:00.250Z`:
/// how imported SQLite tables store times. Text (not integer milliseconds) because
/// SQLite's own date functions read it (the push-down turns it into milliseconds
/// with `julianday`), it sorts in time order, and people can read it; always
/// 24 bytes with the milliseconds, so nothing is lost on the round trip.
enum ISOTimestamp {
    static let length = 24

    /// Writes the 24 bytes at `out`.
    static func write(_ ms: Int64, to out: UnsafeMutablePointer<UInt8>) {
        let days = floorDiv(ms, 86_400_000)
        let inDay = Int(ms - days * 86_400_000)
        let (y, m, d) = CivilDate.date(days: days)
        func put(_ value: Int, _ at: Int, _ width: Int) {
            var v = value
            for k in stride(from: at + width - 1, through: at, by: -1) {
                out[k] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            }
        }
        put(Int(y), 0, 4); out[4] = UInt8(ascii: "-")
        put(Int(m), 5, 2); out[7] = UInt8(ascii: "-")
        put(Int(d), 8, 2); out[10] = UInt8(ascii: "T")
        put(inDay / 3_600_000, 11, 2); out[13] = UInt8(ascii: ":")
        put(inDay / 60_000 % 60, 14, 2); out[16] = UInt8(ascii: ":")
        put(inDay / 1000 % 60, 17, 2); out[19] = UInt8(ascii: ".")
        put(inDay % 1000, 20, 3); out[23] = UInt8(ascii: "Z")
    }

    static func string(_ ms: Int64) -> String {
        String(unsafeUninitializedCapacity: length) { buffer in
            write(ms, to: buffer.baseAddress!)
            return length
        }
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
