/// Order-k Markov states packed into one `UInt64`: the last k touches, newest
/// in the lowest bits, each stored as `channel + 1`. A zero field is a touch
/// that does not exist yet (a shorter tuple at the path beginning), so the key
/// 0 is `(start)` and tuples of different lengths never share a key.
struct MarkovStateKey: Sendable {
    let order: Int
    let bitsPerChannel: Int
    private let mask: UInt64
    private let fieldMask: UInt64

    /// Nil when `order` fields of the needed width do not fit in 64 bits.
    init?(order: Int, channelCount: Int) {
        let bits = max(1, UInt64.bitWidth - UInt64(channelCount).leadingZeroBitCount)
        guard order >= 1, order * bits <= UInt64.bitWidth else { return nil }
        self.order = order
        bitsPerChannel = bits
        mask = order * bits == UInt64.bitWidth ? ~0 : (1 << UInt64(order * bits)) - 1
        fieldMask = (1 << UInt64(bits)) - 1
    }

    /// The largest order whose keys fit for this many channels.
    static func maximumOrder(channelCount: Int) -> Int {
        UInt64.bitWidth / max(1, UInt64.bitWidth - UInt64(channelCount).leadingZeroBitCount)
    }

    /// The state after touching `channel` in state `key`.
    @inline(__always)
    func appending(_ channel: Int32, to key: UInt64) -> UInt64 {
        ((key << UInt64(bitsPerChannel)) | UInt64(channel + 1)) & mask
    }

    /// The key of the last `min(order, path.count)` touches of `path`.
    func key(suffixOf path: ArraySlice<Int32>, length: Int) -> UInt64 {
        var key: UInt64 = 0
        for c in path.suffix(length) { key = appending(c, to: key) }
        return key
    }

    /// Calls `body` with each channel of a state, newest first (repeats included).
    @inline(__always)
    func forEachChannel(of key: UInt64, _ body: (Int32) -> Void) {
        var k = key
        while k != 0 {
            body(Int32(k & fieldMask) - 1)
            k >>= UInt64(bitsPerChannel)
        }
    }

    /// The channels of a state, oldest touch first.
    func channels(of key: UInt64) -> [Int32] {
        var out: [Int32] = []
        var k = key
        while k != 0 {
            out.append(Int32(k & fieldMask) - 1)
            k >>= UInt64(bitsPerChannel)
        }
        return out.reversed()
    }
}

/// State key → dense state id, by open addressing (the hot lookup of chain
/// building; a Swift `Dictionary` is several times slower here).
/// Id 0 is `(start)` (key 0) and is never stored in the slots.
struct MarkovStateTable: Sendable {
    private(set) var keys: [UInt64] = [0]
    private var slotKeys: [UInt64]
    private var slotIDs: [Int32]
    private var shift: UInt64

    init(expectedStates: Int = 64) {
        var size = 64
        while size < expectedStates * 2 { size *= 2 }
        slotKeys = [UInt64](repeating: 0, count: size)
        slotIDs = [Int32](repeating: 0, count: size)
        shift = UInt64(UInt64.bitWidth - size.trailingZeroBitCount)
    }

    var count: Int { keys.count }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The id of `key`, adding a state if it is new.
    @inline(__always)
    mutating func id(for key: UInt64) -> Int32 {
        if key == 0 { return 0 }
        let mask = slotKeys.count - 1
        var s = slot(key)
        while true {
            let k = slotKeys[s]
            if k == key { return slotIDs[s] }
            if k == 0 { break }
            s = (s + 1) & mask
        }
        let id = Int32(keys.count)
        keys.append(key)
        slotKeys[s] = key
        slotIDs[s] = id
        if keys.count * 2 > slotKeys.count { grow() }
        return id
    }

    func lookup(_ key: UInt64) -> Int32? {
        if key == 0 { return 0 }
        let mask = slotKeys.count - 1
        var s = slot(key)
        while slotKeys[s] != 0 {
            if slotKeys[s] == key { return slotIDs[s] }
            s = (s + 1) & mask
        }
        return nil
    }

    private mutating func grow() {
        let size = slotKeys.count * 2
        slotKeys = [UInt64](repeating: 0, count: size)
        slotIDs = [Int32](repeating: 0, count: size)
        shift = UInt64(UInt64.bitWidth - size.trailingZeroBitCount)
        let mask = size - 1
        for id in 1..<keys.count {
            var s = slot(keys[id])
            while slotKeys[s] != 0 { s = (s + 1) & mask }
            slotKeys[s] = keys[id]
            slotIDs[s] = Int32(id)
        }
    }
}
