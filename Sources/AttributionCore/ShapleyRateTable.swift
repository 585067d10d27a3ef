/// v(T) of the conversion-rate game: the conversion rate of every channel set that
/// converted at least once. Every other set (seen only in null journeys, or never
/// seen) has v = 0 and is not stored, so the games only ever visit sets that matter.
/// Open addressing over flat arrays: the games look up millions of coalitions.
struct ShapleyRateTable<Key: ChannelSetKey>: Sendable {
    /// The stored sets and their rates, in insertion order (scanned by `ShapleyExactSplit`).
    private(set) var keys: [Key] = []
    private(set) var rates: [Double] = []
    private var slots: [Int32]   // index into keys + 1; 0 = empty
    private let slotMask: Int
    let channelCount: Int

    init(sets: ShapleyChannelSets<Key>) {
        channelCount = sets.channelCount
        var capacity = 16
        while capacity < 2 * sets.count { capacity *= 2 }
        slots = [Int32](repeating: 0, count: capacity)
        slotMask = capacity - 1
        for s in 0..<sets.count {
            let rate = sets.conversionRate(s)
            if rate == 0 { continue }
            var slot = Int(truncatingIfNeeded: sets.keys[s].hash64) & slotMask
            while slots[slot] != 0 { slot = (slot + 1) & slotMask }
            keys.append(sets.keys[s])
            rates.append(rate)
            slots[slot] = Int32(keys.count)
        }
    }

    var count: Int { keys.count }

    var emptyKey: Key { Key(emptyFor: channelCount) }

    /// v(key): the set's conversion rate, 0 when it never converted.
    @inline(__always)
    func rate(_ key: Key) -> Double {
        var slot = Int(truncatingIfNeeded: key.hash64) & slotMask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return 0 }
            if keys[entry - 1] == key { return rates[entry - 1] }
            slot = (slot + 1) & slotMask
        }
    }
}
