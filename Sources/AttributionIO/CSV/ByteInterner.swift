/// Gives each distinct byte string (a user key, a channel name) a dense id, in
/// order of first appearance. Keys are copied into one arena, so interning millions
/// of user keys allocates no String per row.
struct ByteInterner {
    private(set) var arena: [UInt8] = []
    private(set) var keyStart: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32]

    init(capacity: Int = 1024) {
        var size = 1024
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
    }

    var count: Int { hashes.count }

    func key(_ id: Int) -> UnsafeBufferPointer<UInt8> {
        arena.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[keyStart[id]..<keyStart[id + 1]]) }
    }

    func string(_ id: Int) -> String {
        String(decoding: arena[keyStart[id]..<keyStart[id + 1]], as: UTF8.self)
    }

    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = Self.hash(key)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[s]
            if slot == 0 { break }
            let id = Int(slot - 1)
            if hashes[id] == h && equals(id, key) { return Int32(id) }
            s = (s + 1) & mask
        }
        let id = hashes.count
        arena.append(contentsOf: key)
        keyStart.append(arena.count)
        hashes.append(h)
        slots[s] = Int32(id + 1)
        if hashes.count * 2 > slots.count { grow() }
        return Int32(id)
    }

    private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let a = keyStart[id], b = keyStart[id + 1]
        guard b - a == key.count else { return false }
        return arena.withUnsafeBufferPointer { buf in
            var i = 0
            while i < key.count {
                if buf[a + i] != key[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for id in 0..<hashes.count {
            var s = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(id + 1)
        }
    }

    /// FNV-1a with a final avalanche so short keys spread over the low bits used for slots.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in key {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
        }
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        return h ^ (h >> 33)
    }
}
