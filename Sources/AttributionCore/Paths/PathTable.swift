/// Distinct channel paths with their outcomes: the input of every path-level model
/// (ChannelAttribution's `path, total_conversions, total_conversion_value, total_null`).
/// Path `p` is `steps[offsets[p]..<offsets[p+1]]`; paths are never empty.
public struct PathTable: Sendable {
    public var channels: ChannelIndex
    public var steps: [Int32] = []
    public var offsets: [Int] = [0]
    public var conversions: [Double] = []
    public var value: [Double] = []
    public var nulls: [Double] = []
    /// Conversions (and their revenue) with an empty path: reported, credited to no channel.
    public var unattributedConversions: Double = 0
    public var unattributedValue: Double = 0
    /// Null journeys with an empty path (a path file's `,0,,5` row): counted in the
    /// summary, seen by no model.
    public var unattributedNulls: Double = 0

    public init(channels: ChannelIndex) { self.channels = channels }

    public var count: Int { conversions.count }

    public func path(_ p: Int) -> ArraySlice<Int32> { steps[offsets[p]..<offsets[p + 1]] }

    public func length(_ p: Int) -> Int { offsets[p + 1] - offsets[p] }

    public var totalConversions: Double { conversions.reduce(0, +) }
    public var totalValue: Double { value.reduce(0, +) }
    public var totalNulls: Double { nulls.reduce(0, +) }

    /// Appends a path as a new row; callers that may repeat a path use `PathTableBuilder`.
    public mutating func appendRow(_ path: some Collection<Int32>, conversions c: Double, value v: Double, nulls n: Double) {
        steps.append(contentsOf: path)
        offsets.append(steps.count)
        conversions.append(c)
        value.append(v)
        nulls.append(n)
    }
}

extension PathTable {
    /// Aggregates journeys into distinct paths. Both halves of the journeys are
    /// aggregated in parallel, then merged.
    public init(journeys: JourneySet) {
        let chunks = chunkCount(forWork: journeys.count, minimumPerChunk: 100_000)
        let ranges = chunkRanges(journeys.count, chunks: chunks)
        let parts = parallelMap(chunks: chunks) { part -> PathTable in
            var builder = PathTableBuilder(channels: journeys.channels)
            for j in ranges[part] {
                let touches = journeys.touches(j)
                let conv = journeys.converted[j]
                if touches.isEmpty {
                    if conv { builder.addUnattributed(conversions: 1, value: journeys.value[j]) }
                    continue
                }
                builder.add(
                    journeys.touchChannel[touches], conversions: conv ? 1 : 0,
                    value: conv ? journeys.value[j] : 0, nulls: conv ? 0 : 1)
            }
            return builder.table
        }
        var merged = PathTableBuilder(channels: journeys.channels)
        for part in parts { merged.add(contentsOf: part) }
        self = merged.table
    }
}

/// Adds paths to a `PathTable`, summing rows whose path is already there
/// (open addressing over the flat step array; no per-path allocation).
public struct PathTableBuilder {
    public private(set) var table: PathTable
    private var slots: [Int32]  // row index + 1; 0 = empty
    private var hashes: [UInt64] = []

    public init(channels: ChannelIndex) {
        table = PathTable(channels: channels)
        slots = [Int32](repeating: 0, count: 1024)
    }

    public mutating func addUnattributed(conversions: Double, value: Double, nulls: Double = 0) {
        table.unattributedConversions += conversions
        table.unattributedValue += value
        table.unattributedNulls += nulls
    }

    /// Returns the row the path was added to.
    @discardableResult
    public mutating func add(_ path: ArraySlice<Int32>, conversions c: Double, value v: Double, nulls n: Double) -> Int {
        precondition(!path.isEmpty, "empty paths are unattributed conversions")
        let h = Self.hash(path)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s] != 0 {
            let row = Int(slots[s] - 1)
            if hashes[row] == h && table.path(row).elementsEqual(path) {
                table.conversions[row] += c
                table.value[row] += v
                table.nulls[row] += n
                return row
            }
            s = (s + 1) & mask
        }
        table.appendRow(path, conversions: c, value: v, nulls: n)
        hashes.append(h)
        slots[s] = Int32(table.count)
        if table.count * 2 > slots.count { grow() }
        return table.count - 1
    }

    public mutating func add(contentsOf other: PathTable) {
        precondition(other.channels == table.channels)
        for p in 0..<other.count {
            add(other.path(p), conversions: other.conversions[p], value: other.value[p], nulls: other.nulls[p])
        }
        addUnattributed(conversions: other.unattributedConversions, value: other.unattributedValue, nulls: other.unattributedNulls)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for row in 0..<table.count {
            var s = Int(truncatingIfNeeded: hashes[row]) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(row + 1)
        }
    }

    static func hash(_ path: ArraySlice<Int32>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(path.count + 1)
        for c in path {
            h = (h ^ UInt64(UInt32(bitPattern: c))) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
        }
        return h ^ (h >> 32)
    }
}
