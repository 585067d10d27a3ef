/// A fixed 64-bit hash of a path by its channel names: FNV-1a over each name's
/// UTF-8 bytes, each name followed by 0xFF (a byte UTF-8 never uses, so `a>bc`
/// and `ab>c` differ). Names, not ids, because ids depend on the order a source
/// met the channels; fixed, not Swift's `Hasher`, which is seeded per process.
enum PathHash {
    static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    static func fnv1a(_ path: some Sequence<Int32>, names: ChannelIndex) -> UInt64 {
        var h = offsetBasis
        for c in path {
            for b in names[c].utf8 { h = (h ^ UInt64(b)) &* prime }
            h = (h ^ 0xFF) &* prime
        }
        return h
    }
}
