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
    /// Revenue carried by conversion rows; 0 elsewhere.
    public var value: [Double] = []
    public var channels = ChannelIndex()
    public var userCount = 0

    public init() {}

    public var count: Int { user.count }

    public mutating func reserveCapacity(_ n: Int) {
        user.reserveCapacity(n); channel.reserveCapacity(n); time.reserveCapacity(n)
        isConversion.reserveCapacity(n); value.reserveCapacity(n)
    }

    public mutating func append(user u: Int32, channel c: Int32, time t: Int64, isConversion conv: Bool, value v: Double) {
        user.append(u); channel.append(c); time.append(t); isConversion.append(conv); value.append(v)
    }

    public var conversionCount: Int { isConversion.reduce(0) { $0 + ($1 ? 1 : 0) } }
}
