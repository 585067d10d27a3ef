/// Journeys in flat arrays: journey `j` owns touches `offsets[j]..<offsets[j+1]`.
/// A converting journey may have no touch (a conversion with nothing before it).
public struct JourneySet: Sendable {
    public var channels: ChannelIndex
    /// Channel id of each touch, journey after journey, in time order.
    public var touchChannel: [Int32] = []
    /// Time of each touch, ms since the epoch.
    public var touchTime: [Int64] = []
    public var offsets: [Int] = [0]
    public var converted: [Bool] = []
    /// Conversion time for converting journeys; time of the last touch for null ones.
    public var endTime: [Int64] = []
    /// Revenue of the conversion; 0 for null journeys.
    public var value: [Double] = []
    /// Distinct users the journeys came from.
    public var userCount = 0

    public init(channels: ChannelIndex) { self.channels = channels }

    public var count: Int { converted.count }

    public func touches(_ j: Int) -> Range<Int> { offsets[j]..<offsets[j + 1] }

    public mutating func appendJourney(
        channels c: ArraySlice<Int32>, times t: ArraySlice<Int64>, converted conv: Bool, endTime: Int64, value v: Double
    ) {
        touchChannel.append(contentsOf: c)
        touchTime.append(contentsOf: t)
        offsets.append(touchChannel.count)
        converted.append(conv)
        self.endTime.append(endTime)
        value.append(v)
    }

    public mutating func reserveCapacity(touches: Int, journeys: Int) {
        touchChannel.reserveCapacity(touches)
        touchTime.reserveCapacity(touches)
        offsets.reserveCapacity(journeys + 1)
        converted.reserveCapacity(journeys)
        endTime.reserveCapacity(journeys)
        value.reserveCapacity(journeys)
    }

    /// Appends all journeys of `other` (same channel index).
    public mutating func append(contentsOf other: JourneySet) {
        let base = touchChannel.count
        touchChannel.append(contentsOf: other.touchChannel)
        touchTime.append(contentsOf: other.touchTime)
        offsets.append(contentsOf: other.offsets.dropFirst().lazy.map { $0 + base })
        converted.append(contentsOf: other.converted)
        endTime.append(contentsOf: other.endTime)
        value.append(contentsOf: other.value)
        userCount += other.userCount
    }

    /// Appends all journeys of `other`, whose channel index may differ: its
    /// channels are matched by name, new ones added at the end.
    public mutating func appendMatchingChannels(_ other: JourneySet) {
        let map = other.channels.names.map { channels.id(for: $0) }
        let base = touchChannel.count
        touchChannel.append(contentsOf: other.touchChannel.lazy.map { map[Int($0)] })
        touchTime.append(contentsOf: other.touchTime)
        offsets.append(contentsOf: other.offsets.dropFirst().lazy.map { $0 + base })
        converted.append(contentsOf: other.converted)
        endTime.append(contentsOf: other.endTime)
        value.append(contentsOf: other.value)
        userCount += other.userCount
    }

    public var convertingCount: Int { converted.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// Converting journeys with no touch: counted, but no channel gets their credit.
    public var conversionsWithoutTouch: Int {
        var n = 0
        for j in 0..<count where converted[j] && offsets[j] == offsets[j + 1] { n += 1 }
        return n
    }
}
