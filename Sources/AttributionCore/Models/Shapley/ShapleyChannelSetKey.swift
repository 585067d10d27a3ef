/// A set of channel ids usable as a hash key: the coalitions of the Shapley games.
/// `UInt64` bit masks cover vocabularies of up to 64 channels (the fast path);
/// `WideChannelSet` covers any size, so no input is refused for having many channels.
protocol ChannelSetKey: Hashable, Sendable {
    /// The empty set, sized for a vocabulary of `channelCount` channels.
    init(emptyFor channelCount: Int)
    mutating func insert(_ channel: Int32)
    mutating func toggle(_ channel: Int32)
    func contains(_ channel: Int32) -> Bool
    func isSubset(of other: Self) -> Bool
    var memberCount: Int { get }
    func forEachMember(_ body: (Int32) -> Void)
    /// Calls `body(i)` for every `keys[i]` that is a subset of `set`, in order.
    static func forEachSubset(in keys: [Self], of set: Self, _ body: (Int) -> Void)
    /// A well-mixed 64-bit hash (open addressing and per-set random streams use it).
    var hash64: UInt64 { get }
}

extension ChannelSetKey {
    static func forEachSubset(in keys: [Self], of set: Self, _ body: (Int) -> Void) {
        for i in keys.indices where keys[i].isSubset(of: set) { body(i) }
    }
}

extension UInt64: ChannelSetKey {
    init(emptyFor channelCount: Int) {
        precondition(channelCount <= 64, "UInt64 channel sets hold at most 64 channels")
        self = 0
    }

    @inline(__always) mutating func insert(_ channel: Int32) { self |= 1 &<< UInt64(channel) }
    @inline(__always) mutating func toggle(_ channel: Int32) { self ^= 1 &<< UInt64(channel) }
    @inline(__always) func contains(_ channel: Int32) -> Bool { self & (1 &<< UInt64(channel)) != 0 }
    @inline(__always) func isSubset(of other: UInt64) -> Bool { self & ~other == 0 }
    var memberCount: Int { nonzeroBitCount }

    @inline(__always) func forEachMember(_ body: (Int32) -> Void) {
        var bits = self
        while bits != 0 {
            body(Int32(bits.trailingZeroBitCount))
            bits &= bits &- 1
        }
    }

    /// Tests eight keys per step without branches (subsets are rare), then visits the hits.
    static func forEachSubset(in keys: [UInt64], of set: UInt64, _ body: (Int) -> Void) {
        let outside = ~set
        keys.withUnsafeBufferPointer { k in
            var base = 0
            while base + 8 <= k.count {
                var hits: UInt32 = 0
                for j in 0..<8 { hits |= (k[base + j] & outside == 0 ? 1 : 0) &<< UInt32(j) }
                while hits != 0 {
                    body(base + hits.trailingZeroBitCount)
                    hits &= hits &- 1
                }
                base += 8
            }
            for i in base..<k.count where k[i] & outside == 0 { body(i) }
        }
    }

    var hash64: UInt64 { shapleyMix(self) }
}

/// A channel set over any number of channels: one bit per channel in 64-bit words.
struct WideChannelSet: ChannelSetKey {
    private var words: [UInt64]

    init(emptyFor channelCount: Int) {
        words = [UInt64](repeating: 0, count: max(1, (channelCount + 63) / 64))
    }

    mutating func insert(_ channel: Int32) {
        words[Int(channel) >> 6] |= 1 &<< UInt64(Int(channel) & 63)
    }

    mutating func toggle(_ channel: Int32) {
        words[Int(channel) >> 6] ^= 1 &<< UInt64(Int(channel) & 63)
    }

    func contains(_ channel: Int32) -> Bool {
        words[Int(channel) >> 6] & (1 &<< UInt64(Int(channel) & 63)) != 0
    }

    func isSubset(of other: WideChannelSet) -> Bool {
        for i in words.indices where words[i] & ~other.words[i] != 0 { return false }
        return true
    }

    var memberCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    func forEachMember(_ body: (Int32) -> Void) {
        for (w, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                body(Int32(w * 64 + bits.trailingZeroBitCount))
                bits &= bits &- 1
            }
        }
    }

    var hash64: UInt64 { words.reduce(0x2545_F491_4F6C_DD1D) { shapleyMix($0 ^ $1) } }
}

/// A 64-bit finalizer (murmur3's): nearby masks land in unrelated slots.
@inline(__always)
func shapleyMix(_ x: UInt64) -> UInt64 {
    var h = x
    h ^= h >> 33
    h = h &* 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    h = h &* 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 33
    return h
}
