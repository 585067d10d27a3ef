/// Distinct day-bucketed windows, each stored once with how many times it was a
/// positive (the window ending on a conversion day) and a negative (a day at risk
/// without conversion). Identical windows are very common (all-zero windows above
/// all), so training and explaining cost scales with distinct windows, not examples.
public struct WindowCounts: Sendable, Equatable {
    /// Distinct windows, `days` masks each; bit c of a day's mask is channel c.
    public private(set) var windows: WindowBatch
    public private(set) var positives: [Int64] = []
    public private(set) var negatives: [Int64] = []
    /// Open addressing over `windows`: slot holds window index + 1, 0 when empty.
    private var slots: [Int32]

    public init(days: Int, channels: Int) {
        windows = WindowBatch(days: days, channels: channels)
        slots = [Int32](repeating: 0, count: 1024)
    }

    public var days: Int { windows.days }
    public var channels: Int { windows.channels }
    public var count: Int { positives.count }
    public var totalPositives: Int64 { positives.reduce(0, +) }
    public var totalNegatives: Int64 { negatives.reduce(0, +) }

    /// Counts one more occurrence (or `positives`/`negatives` more) of `window`.
    public mutating func add(_ window: UnsafeBufferPointer<UInt64>, positives p: Int64, negatives n: Int64) {
        insert(window, positives: p, negatives: n)
    }

    /// Like `add`, and returns the window's index.
    @discardableResult
    public mutating func insert(_ window: UnsafeBufferPointer<UInt64>, positives p: Int64 = 0, negatives n: Int64 = 0) -> Int {
        precondition(window.count == days)
        let mask = slots.count - 1
        var slot = Self.hash(window) & mask
        while true {
            let held = Int(slots[slot])
            if held == 0 { break }
            if matches(held - 1, window) {
                positives[held - 1] += p
                negatives[held - 1] += n
                return held - 1
            }
            slot = (slot + 1) & mask
        }
        windows.append(dayMasks: window)
        positives.append(p)
        negatives.append(n)
        slots[slot] = Int32(count)
        if count * 2 > slots.count { grow() }
        return count - 1
    }

    /// The index of `window`, or nil when it is not in the table.
    public func index(of window: UnsafeBufferPointer<UInt64>) -> Int? {
        precondition(window.count == days)
        let mask = slots.count - 1
        var slot = Self.hash(window) & mask
        while true {
            let held = Int(slots[slot])
            if held == 0 { return nil }
            if matches(held - 1, window) { return held - 1 }
            slot = (slot + 1) & mask
        }
    }

    public mutating func add(_ window: [UInt64], positives p: Int64, negatives n: Int64) {
        window.withUnsafeBufferPointer { add($0, positives: p, negatives: n) }
    }

    /// Adds every window of `other` (same days and channels).
    public mutating func merge(_ other: WindowCounts) {
        precondition(other.days == days && other.channels == channels)
        other.windows.dayMasks.withUnsafeBufferPointer { masks in
            for w in 0..<other.count {
                add(
                    UnsafeBufferPointer(rebasing: masks[(w * days)..<((w + 1) * days)]),
                    positives: other.positives[w], negatives: other.negatives[w])
            }
        }
    }

    /// The same windows in a canonical order (by their masks, oldest day first), so a
    /// file does not depend on page size or thread count.
    public func sorted() -> WindowCounts {
        let d = days
        let masks = windows.dayMasks
        let order = (0..<count).sorted { a, b in
            for k in 0..<d where masks[a * d + k] != masks[b * d + k] { return masks[a * d + k] < masks[b * d + k] }
            return false
        }
        var out = WindowCounts(days: d, channels: channels)
        out.reserve(count)
        masks.withUnsafeBufferPointer { m in
            for w in order {
                out.add(UnsafeBufferPointer(rebasing: m[(w * d)..<((w + 1) * d)]), positives: positives[w], negatives: negatives[w])
            }
        }
        return out
    }

    /// Rebuilds a table read back from a file; the windows must be distinct.
    public init(windows: WindowBatch, positives: [Int64], negatives: [Int64]) throws(WindowCountsError) {
        guard windows.count == positives.count, positives.count == negatives.count else { throw .lengthMismatch }
        self.init(days: windows.days, channels: windows.channels)
        reserve(windows.count)
        try windows.dayMasks.withUnsafeBufferPointer { m throws(WindowCountsError) in
            for w in 0..<windows.count {
                let before = count
                add(
                    UnsafeBufferPointer(rebasing: m[(w * windows.days)..<((w + 1) * windows.days)]),
                    positives: positives[w], negatives: negatives[w])
                if count == before { throw .duplicateWindow(w) }
            }
        }
    }

    private mutating func reserve(_ n: Int) {
        windows.reserveCapacity(n)
        positives.reserveCapacity(n)
        negatives.reserveCapacity(n)
        var size = slots.count
        while size < 2 * n + 2 { size *= 2 }
        if size > slots.count { rehash(size) }
    }

    private func matches(_ w: Int, _ window: UnsafeBufferPointer<UInt64>) -> Bool {
        let base = w * days
        for k in 0..<days where windows.dayMasks[base + k] != window[k] { return false }
        return true
    }

    private mutating func grow() { rehash(slots.count * 2) }

    private mutating func rehash(_ size: Int) {
        var fresh = [Int32](repeating: 0, count: size)
        let mask = size - 1
        windows.dayMasks.withUnsafeBufferPointer { m in
            for w in 0..<count {
                var slot = Self.hash(UnsafeBufferPointer(rebasing: m[(w * days)..<((w + 1) * days)])) & mask
                while fresh[slot] != 0 { slot = (slot + 1) & mask }
                fresh[slot] = Int32(w + 1)
            }
        }
        slots = fresh
    }

    /// Same windows in the same order with the same counts (the hash slots aside).
    public static func == (a: WindowCounts, b: WindowCounts) -> Bool {
        a.windows == b.windows && a.positives == b.positives && a.negatives == b.negatives
    }

    private static func hash(_ window: UnsafeBufferPointer<UInt64>) -> Int {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for m in window {
            h = (h ^ m) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}

public enum WindowCountsError: Error, Equatable, Sendable {
    case lengthMismatch
    case duplicateWindow(Int)
}
