/// Touchpoint events in columns, as read from a source, before journeys are cut.
///
/// Row `i` is a touch on `channel[i]` (when ≥ 0), a conversion (when
/// `isConversion[i]`), or both: with a conversion *column* the converting row is
/// itself a touch that ends in the conversion; with a conversion *event* the
/// conversion row carries no channel (`channel[i] == -1`).
public struct EventTable: Sendable {
    /// Dense user ids, 0..<userCount.
    public var user: [Int32] = []
    /// Channel id of the touch, or -1 for a conversion row that is not a touch.
    public var channel: [Int32] = []
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var time: [Int64] = []
    public var isConversion: [Bool] = []
    /// Revenue carried by conversion rows; 0 elsewhere (only the rows that carry one are stored).
    public var value = SparseColumn()
    public var channels = ChannelIndex()
    public var userCount = 0

    public init() {}

    public var count: Int { user.count }

    public mutating func reserveCapacity(_ n: Int) {
        user.reserveCapacity(n); channel.reserveCapacity(n); time.reserveCapacity(n)
        isConversion.reserveCapacity(n)
    }

    public mutating func append(user u: Int32, channel c: Int32, time t: Int64, isConversion conv: Bool, value v: Double) {
        user.append(u); channel.append(c); time.append(t); isConversion.append(conv); value.append(v)
    }

    public var conversionCount: Int { isConversion.reduce(0) { $0 + ($1 ? 1 : 0) } }
}

/// A column of doubles that is zero on most rows (revenue: only conversion rows carry it),
/// stored as the rows that are not zero and their values: 16 bytes per such row instead of
/// 8 per row. Reads like an array of every row; a row's value is found by binary search.
public struct SparseColumn: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// Rows in all, zeros included.
    public private(set) var endIndex = 0
    /// The rows whose value is not +0.0 (a bit pattern other than all zeros), ascending.
    private var rows: [Int] = []
    private var values: [Double] = []

    public init() {}

    public init<S: Sequence<Double>>(_ values: S) {
        for v in values { append(v) }
    }

    public init(arrayLiteral elements: Double...) { self.init(elements) }

    public var startIndex: Int { 0 }

    public subscript(row: Int) -> Double {
        precondition(row >= 0 && row < endIndex, "row \(row) out of range 0..<\(endIndex)")
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if rows[mid] < row { lo = mid + 1 } else { hi = mid }
        }
        return lo < rows.count && rows[lo] == row ? values[lo] : 0
    }

    public mutating func append(_ v: Double) {
        if v.bitPattern != 0 {
            rows.append(endIndex)
            values.append(v)
        }
        endIndex += 1
    }

    public mutating func append(contentsOf other: SparseColumn) {
        let base = endIndex
        rows.append(contentsOf: other.rows.lazy.map { $0 + base })
        values.append(contentsOf: other.values)
        endIndex += other.endIndex
    }

    public static func += (lhs: inout SparseColumn, rhs: SparseColumn) { lhs.append(contentsOf: rhs) }

    /// Every row in order, without a search per row.
    public struct Iterator: IteratorProtocol {
        let column: SparseColumn
        var row = 0
        var stored = 0
        public mutating func next() -> Double? {
            guard row < column.endIndex else { return nil }
            defer { row += 1 }
            if stored < column.rows.count && column.rows[stored] == row {
                stored += 1
                return column.values[stored - 1]
            }
            return 0
        }
    }

    public func makeIterator() -> Iterator { Iterator(column: self) }
}
