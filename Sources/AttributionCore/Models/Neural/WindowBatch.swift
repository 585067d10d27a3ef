/// Windows for the conversion network, one 64-bit channel mask per day (bit c = channel c touched that
/// day): a window of 7 days is 56 bytes instead of 7 × channels floats, and the first LSTM layer's input
/// projection only has to visit the set bits.
public struct WindowBatch: Sendable, Equatable {
    public let days: Int
    public let channels: Int
    /// `count × days` masks; window w's day d is `dayMasks[w * days + d]`; day `days - 1` is the anchor day.
    public private(set) var dayMasks: [UInt64]

    public init(days: Int, channels: Int) {
        precondition(days >= 1 && channels >= 1 && channels <= NetworkShape.maximumChannels)
        self.days = days
        self.channels = channels
        dayMasks = []
    }

    /// Windows from their masks, `days` per window; bits at or above `channels` are a programming error.
    public init(days: Int, channels: Int, dayMasks: [UInt64]) {
        self.init(days: days, channels: channels)
        precondition(dayMasks.count % days == 0, "dayMasks must hold whole windows")
        precondition(dayMasks.allSatisfy { $0 & ~Self.validBits(channels) == 0 }, "a mask has a bit beyond the channels")
        self.dayMasks = dayMasks
    }

    public var count: Int { dayMasks.count / days }
    public var isEmpty: Bool { dayMasks.isEmpty }

    public mutating func reserveCapacity(_ windows: Int) { dayMasks.reserveCapacity(windows * days) }

    /// Appends one window given as its day masks, oldest day first.
    public mutating func append<C: Collection>(dayMasks window: C) where C.Element == UInt64 {
        precondition(window.count == days, "a window has exactly `days` masks")
        precondition(window.allSatisfy { $0 & ~Self.validBits(channels) == 0 }, "a mask has a bit beyond the channels")
        dayMasks.append(contentsOf: window)
    }

    /// Appends one window given by its touched (day, channel) cells.
    public mutating func append(cells: [(day: Int, channel: Int)]) {
        var window = [UInt64](repeating: 0, count: days)
        for cell in cells {
            precondition(cell.day >= 0 && cell.day < days && cell.channel >= 0 && cell.channel < channels)
            window[cell.day] |= 1 << UInt64(cell.channel)
        }
        dayMasks.append(contentsOf: window)
    }

    public func isActive(window: Int, day: Int, channel: Int) -> Bool {
        dayMasks[window * days + day] >> UInt64(channel) & 1 == 1
    }

    /// The masks of one window, oldest day first.
    public func window(_ index: Int) -> ArraySlice<UInt64> { dayMasks[(index * days)..<((index + 1) * days)] }

    /// The windows at `indices`, in that order (a training step's minibatch).
    public func gathering<S: Sequence>(_ indices: S) -> WindowBatch where S.Element == Int {
        var out = WindowBatch(days: days, channels: channels)
        for i in indices { out.dayMasks.append(contentsOf: window(i)) }
        return out
    }

    /// Windows `range`, in order.
    public func slice(_ range: Range<Int>) -> WindowBatch {
        var out = WindowBatch(days: days, channels: channels)
        out.dayMasks = Array(dayMasks[(range.lowerBound * days)..<(range.upperBound * days)])
        return out
    }

    static func validBits(_ channels: Int) -> UInt64 { channels >= 64 ? ~0 : (1 << UInt64(channels)) - 1 }
}
