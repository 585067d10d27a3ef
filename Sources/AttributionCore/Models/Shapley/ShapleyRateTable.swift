/// v(T) of the conversion-rate game: the conversion rate of every channel set that
/// converted at least once. Every other set (seen only in null journeys, or never
/// seen) has v = 0 and is not stored, so the games only ever visit sets that matter.
/// Open addressing over flat arrays: the games look up millions of coalitions.
struct ShapleyRateTable<Key: ChannelSetKey>: Sendable {
    /// The stored sets and their rates, in insertion order.
    private(set) var keys: [Key] = []
    private(set) var rates: [Double] = []
    private var slots: [Int32]  // index into keys + 1; 0 = empty
    private let slotMask: Int
    let channelCount: Int

    init(sets: ShapleyChannelSets<Key>) {
        self.init(channelCount: sets.channelCount, capacityFor: sets.count)
        for s in 0..<sets.count where sets.conversionRate(s) != 0 {
            append(sets.keys[s], sets.conversionRate(s))
        }
    }

    private init(channelCount: Int, capacityFor count: Int) {
        self.channelCount = channelCount
        var capacity = 16
        while capacity < 2 * count { capacity *= 2 }
        slots = [Int32](repeating: 0, count: capacity)
        slotMask = capacity - 1
    }

    private mutating func append(_ key: Key, _ rate: Double) {
        var slot = Int(truncatingIfNeeded: key.hash64) & slotMask
        while slots[slot] != 0 { slot = (slot + 1) & slotMask }
        keys.append(key)
        rates.append(rate)
        slots[slot] = Int32(keys.count)
    }

    var count: Int { keys.count }

    var emptyKey: Key { Key(emptyFor: channelCount) }

    /// Calls `body(T, v(T))` for every stored T ⊆ `set` (`members` are set's channels).
    /// Walks the 2^n subsets of the set (Gray code: one bit flips per step, one lookup
    /// each) when they are few, else tests every stored set for inclusion: a sequential
    /// scan costs far less per set than a hash lookup, hence the factor.
    func forEachSubset(of set: Key, members: ArraySlice<Int32>, _ body: (Key, Double) -> Void) {
        let n = members.count
        if n < 26 && (1 << n) * Self.lookupCostInScans <= count {
            var subset = emptyKey
            for step in 1..<(1 << n) {
                subset.toggle(members[members.startIndex + step.trailingZeroBitCount])
                let v = rate(subset)
                if v != 0 { body(subset, v) }
            }
        } else {
            Key.forEachSubset(in: keys, of: set) { body(keys[$0], rates[$0]) }
        }
    }

    /// One hash lookup costs about as much as testing this many stored sets in a scan
    /// (measured on 20-channel synthetic data; 4 to 64 gave the same total within noise).
    static var lookupCostInScans: Int { 16 }

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
