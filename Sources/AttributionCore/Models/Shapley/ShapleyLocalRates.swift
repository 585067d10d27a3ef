/// v restricted to the subsets of one channel set S, keyed by *local* masks (bit i =
/// S's i-th channel), so that sampling the orderings of a large S needs neither the
/// global keys nor the global table: a dense array when S is small enough, else a
/// small open-addressing table of the few subsets that converted.
struct ShapleyLocalRates {
    /// Dense up to 2^16 entries (512 KB); above that, only the nonzero subsets are stored.
    static let denseLimit = 16

    private var dense: [Double] = []
    private var keys: [UInt64] = []
    private var values: [Double] = []
    private var slots: [Int32] = []
    private var slotMask = 0
    private var isDense = true

    /// Loads v(T) for every T ⊆ `set` that converted; `members` (at most 64) are set's channels.
    mutating func load<Key: ChannelSetKey>(set: Key, members: ArraySlice<Int32>, rates: ShapleyRateTable<Key>) {
        let n = members.count
        precondition(n <= 64, "local masks hold at most 64 channels")
        var found: [(UInt64, Double)] = []
        rates.forEachSubset(of: set, members: members) { subset, v in
            var local: UInt64 = 0
            for (i, c) in members.enumerated() where subset.contains(c) { local |= 1 &<< UInt64(i) }
            found.append((local, v))
        }
        isDense = n <= Self.denseLimit
        if isDense {
            dense.removeAll(keepingCapacity: true)
            dense.append(contentsOf: repeatElement(0, count: 1 << n))
            for (local, v) in found { dense[Int(local)] = v }
            return
        }
        var capacity = 16
        while capacity < 2 * found.count { capacity *= 2 }
        slots = [Int32](repeating: 0, count: capacity)
        slotMask = capacity - 1
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        for (local, v) in found {
            var slot = Int(truncatingIfNeeded: shapleyMix(local)) & slotMask
            while slots[slot] != 0 { slot = (slot + 1) & slotMask }
            keys.append(local)
            values.append(v)
            slots[slot] = Int32(keys.count)
        }
    }

    @inline(__always)
    func rate(_ local: UInt64) -> Double {
        if isDense { return dense[Int(local)] }
        var slot = Int(truncatingIfNeeded: shapleyMix(local)) & slotMask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return 0 }
            if keys[entry - 1] == local { return values[entry - 1] }
            slot = (slot + 1) & slotMask
        }
    }
}
