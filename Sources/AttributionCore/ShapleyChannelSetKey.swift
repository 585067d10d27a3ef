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
    /// A well-mixed 64-bit hash (open addressing and per-set random streams use it).
    var hash64: UInt64 { get }
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
