/// Where a cutter's windows go: counted (`WindowCounts`) or replayed through a model.
protocol WindowSink {
    mutating func add(_ window: [UInt64], positives: Int64, negatives: Int64)
    /// A segment (the days at risk up to one conversion, or to the end) is complete.
    mutating func endSegment()
}

extension WindowCounts: WindowSink {
    mutating func endSegment() {}
}

/// One user at a time, fed touches and conversions in time order: the touches of the
/// current segment (since the last conversion) as one mask per touched day, and the
/// first day at risk not yet counted.
struct UserWindowCutter<Sink: WindowSink> {
    let options: ExtractOptions
    let lastDay: Int64
    var sink: Sink
    private var touchDays: [Int64] = []
    private var touchMasks: [UInt64] = []
    private var nextRiskDay: Int64? = nil
    private var converted = false
    private var window: [UInt64]

    init(options: ExtractOptions, lastDay: Int64, sink: Sink) {
        self.options = options
        self.lastDay = lastDay
        self.sink = sink
        window = [UInt64](repeating: 0, count: options.lookbackDays)
    }

    mutating func beginUser() {
        touchDays.removeAll(keepingCapacity: true)
        touchMasks.removeAll(keepingCapacity: true)
        nextRiskDay = nil
        converted = false
    }

    mutating func touch(day d: Int64, channel c: Int32) {
        if touchDays.isEmpty {
            nextRiskDay = d
        } else if options.negatives == .atRisk, !converted, let r = nextRiskDay, r < d {
            // Counted as they pass while the user may never convert; after a
            // conversion they wait for the next one (a trailing segment is dropped).
            addNegatives(from: r, through: d - 1)
            nextRiskDay = d
        }
        let bit = UInt64(1) << UInt64(c)
        if let last = touchDays.last, last == d {
            touchMasks[touchMasks.count - 1] |= bit
        } else {
            touchDays.append(d)
            touchMasks.append(bit)
        }
    }

    mutating func conversion(day d: Int64) {
        if options.negatives == .atRisk, let r = nextRiskDay, r < d { addNegatives(from: r, through: d - 1) }
        buildWindow(anchor: d)
        sink.add(window, positives: 1, negatives: 0)
        sink.endSegment()
        converted = true
        touchDays.removeAll(keepingCapacity: true)
        touchMasks.removeAll(keepingCapacity: true)
        nextRiskDay = nil
    }

    mutating func endUser() {
        // A converter's touches after the last conversion are dropped, as td-mta drops them.
        guard !converted, let first = nextRiskDay else { return }
        if options.negatives == .atRisk {
            addNegatives(from: first, through: lastDay)
        } else {
            addTdMTANegatives()
        }
        sink.endSegment()
    }

    /// The window anchored on `anchor` from the segment's touches on days (anchor − L, anchor].
    private mutating func buildWindow(anchor: Int64, droppingFirst dropped: Int = 0) {
        let days = options.lookbackDays
        for k in 0..<days { window[k] = 0 }
        var kept = 0
        for k in touchDays.indices where touchDays[k] <= anchor && anchor - touchDays[k] < Int64(days) {
            kept += 1
            if kept <= dropped { continue }
            window[days - 1 - Int(anchor - touchDays[k])] = touchMasks[k]
        }
    }

    /// One negative for each day from `a` through `b`; once the last touch has left
    /// the window, the remaining days are all-zero windows counted at once.
    private mutating func addNegatives(from a: Int64, through b: Int64) {
        guard a <= b else { return }
        let days = Int64(options.lookbackDays)
        let lastTouch = touchDays.last ?? Int64.min
        var x = a
        while x <= b {
            if touchDays.isEmpty || x - lastTouch >= days {
                for k in window.indices { window[k] = 0 }
                sink.add(window, positives: 0, negatives: b - x + 1)
                return
            }
            buildWindow(anchor: x)
            sink.add(window, positives: 0, negatives: 1)
            x += 1
        }
    }

    /// td-mta: one window on each touched day, then the last window trimmed from the
    /// front one touched day at a time (days {0,1,2}, L = 3: {0}, {0,1}, {0,1,2}, {1,2}, {2}).
    private mutating func addTdMTANegatives() {
        for d in touchDays {
            buildWindow(anchor: d)
            sink.add(window, positives: 0, negatives: 1)
        }
        guard let last = touchDays.last else { return }
        let inLast = touchDays.filter { last - $0 < Int64(options.lookbackDays) }.count
        for dropped in stride(from: 1, to: inLast, by: 1) {
            buildWindow(anchor: last, droppingFirst: dropped)
            sink.add(window, positives: 0, negatives: 1)
        }
    }
}

/// Feeds one user's events to a cutter in time order, ties in input order (the order
/// a CSV or a database gave).
struct EventFeed {
    let events: EventTable
    private var sorted: [Int32] = []

    init(events: EventTable) { self.events = events }

    mutating func user<Sink>(_ indices: ArraySlice<Int32>, into cutter: inout UserWindowCutter<Sink>) {
        sorted.removeAll(keepingCapacity: true)
        sorted.append(contentsOf: indices)
        let time = events.time
        var ordered = true
        for k in sorted.indices.dropFirst() where time[Int(sorted[k - 1])] > time[Int(sorted[k])] { ordered = false; break }
        if !ordered { sorted.sort { time[Int($0)] != time[Int($1)] ? time[Int($0)] < time[Int($1)] : $0 < $1 } }
        cutter.beginUser()
        for index in sorted {
            let i = Int(index)
            let d = WindowExtractor.day(events.time[i])
            if events.channel[i] >= 0 { cutter.touch(day: d, channel: events.channel[i]) }
            if events.isConversion[i] { cutter.conversion(day: d) }
        }
        cutter.endUser()
    }
}

/// Feeds journeys to a cutter, each as its own user: a journey is already one segment
/// (its touches, then its conversion if it converted).
struct JourneyFeed {
    let journeys: JourneySet

    func journey<Sink>(_ j: Int, into cutter: inout UserWindowCutter<Sink>) {
        cutter.beginUser()
        for k in journeys.touches(j) {
            cutter.touch(day: WindowExtractor.day(journeys.touchTime[k]), channel: journeys.touchChannel[k])
        }
        if journeys.converted[j] { cutter.conversion(day: WindowExtractor.day(journeys.endTime[j])) }
        cutter.endUser()
    }

    /// The last day of the data the journeys saw (a touch or a conversion).
    var lastDay: Int64 {
        let touches = journeys.touchTime.max() ?? Int64.min
        let ends = journeys.endTime.max() ?? Int64.min
        return WindowExtractor.day(max(touches, ends))
    }
}
