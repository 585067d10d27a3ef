/// Day-bucketed windows from events (the `mta extract` stage; algorithms notes §5).
/// A window is `lookbackDays` UTC days ending on its anchor day; cell (d, c) is set
/// when the user touched channel c on that day (repeats on a day collapse). A
/// conversion anchors a positive holding only the touches since the user's previous
/// conversion; negatives follow `ExtractOptions.negatives`. With a conversion column
/// the converting row is itself a touch, so its channel sits on the anchor day.
public enum WindowExtractor {
    public static let dayMs: Int64 = 86_400_000

    /// Counts in a canonical order: the same for any page size or core count.
    /// Channel ids are the table's (at most 64: fold the rest with top-N first).
    public static func extract(_ events: EventTable, options: ExtractOptions, usersPerPage: Int = 10_000) -> WindowCounts {
        precondition(options.lookbackDays >= 1 && usersPerPage >= 1)
        precondition(events.channels.count <= NetworkShape.maximumChannels)
        let channels = max(1, events.channels.count)
        guard events.count > 0 else { return WindowCounts(days: options.lookbackDays, channels: channels) }
        let lastDay = events.time.reduce(Int64.min) { max($0, day($1)) }
        let (userStart, order) = JourneyBuilder.groupByUser(events)
        let pages = (events.userCount + usersPerPage - 1) / usersPerPage
        let chunks = max(1, min(pages, chunkCount(forWork: events.count, minimumPerChunk: 200_000)))
        let pageRanges = chunkRanges(pages, chunks: chunks)
        let parts = parallelMap(chunks: chunks) { part -> WindowCounts in
            var total = WindowCounts(days: options.lookbackDays, channels: channels)
            for page in pageRanges[part] {
                // A page's own table keeps the hash table small and hot; pages are merged as they finish.
                var cutter = UserWindowCutter(events: events, options: options, channels: channels, lastDay: lastDay)
                for u in (page * usersPerPage)..<min(events.userCount, (page + 1) * usersPerPage) {
                    cutter.user(order[userStart[u]..<userStart[u + 1]])
                }
                total.merge(cutter.counts)
            }
            return total
        }
        var all = parts[0]
        for part in parts.dropFirst() { all.merge(part) }
        return all.sorted()
    }

    /// The UTC day of a time in milliseconds (floor, also before 1970).
    static func day(_ t: Int64) -> Int64 { t >= 0 ? t / dayMs : -((-t + dayMs - 1) / dayMs) }
}

/// One user at a time: the touches of the current segment (since the last conversion)
/// as one mask per touched day, and the first day at risk not yet counted.
struct UserWindowCutter {
    let events: EventTable
    let options: ExtractOptions
    let lastDay: Int64
    private(set) var counts: WindowCounts
    private var touchDays: [Int64] = []
    private var touchMasks: [UInt64] = []
    private var nextRiskDay: Int64? = nil
    private var window: [UInt64]
    private var sorted: [Int32] = []

    init(events: EventTable, options: ExtractOptions, channels: Int, lastDay: Int64) {
        self.events = events
        self.options = options
        self.lastDay = lastDay
        counts = WindowCounts(days: options.lookbackDays, channels: channels)
        window = [UInt64](repeating: 0, count: options.lookbackDays)
    }

    mutating func user(_ indices: ArraySlice<Int32>) {
        sortByTime(indices)
        touchDays.removeAll(keepingCapacity: true)
        touchMasks.removeAll(keepingCapacity: true)
        nextRiskDay = nil
        var converted = false
        let atRisk = options.negatives == .atRisk
        for index in sorted {
            let i = Int(index)
            let d = WindowExtractor.day(events.time[i])
            if events.channel[i] >= 0 {
                if touchDays.isEmpty {
                    nextRiskDay = d
                } else if atRisk, !converted, let r = nextRiskDay, r < d {
                    // Counted as they pass while the user may never convert; after a
                    // conversion they wait for the next one (a trailing segment is dropped).
                    addNegatives(from: r, through: d - 1)
                    nextRiskDay = d
                }
                addTouch(day: d, channel: events.channel[i])
            }
            if events.isConversion[i] {
                if atRisk, let r = nextRiskDay, r < d { addNegatives(from: r, through: d - 1) }
                buildWindow(anchor: d)
                counts.add(window, positives: 1, negatives: 0)
                converted = true
                touchDays.removeAll(keepingCapacity: true)
                touchMasks.removeAll(keepingCapacity: true)
                nextRiskDay = nil
            }
        }
        // A converter's touches after the last conversion are dropped, as td-mta drops them.
        guard !converted, let first = nextRiskDay else { return }
        if atRisk {
            addNegatives(from: first, through: lastDay)
        } else {
            addTdMTANegatives()
        }
    }

    /// Time order, ties in input order (the order a CSV or a database gave).
    private mutating func sortByTime(_ indices: ArraySlice<Int32>) {
        sorted.removeAll(keepingCapacity: true)
        sorted.append(contentsOf: indices)
        let time = events.time
        var ordered = true
        for k in sorted.indices.dropFirst() where time[Int(sorted[k - 1])] > time[Int(sorted[k])] { ordered = false; break }
        if !ordered { sorted.sort { time[Int($0)] != time[Int($1)] ? time[Int($0)] < time[Int($1)] : $0 < $1 } }
    }

    private mutating func addTouch(day d: Int64, channel c: Int32) {
        let bit = UInt64(1) << UInt64(c)
        if let last = touchDays.last, last == d {
            touchMasks[touchMasks.count - 1] |= bit
        } else {
            touchDays.append(d)
            touchMasks.append(bit)
        }
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
                counts.add(window, positives: 0, negatives: b - x + 1)
                return
            }
            buildWindow(anchor: x)
            counts.add(window, positives: 0, negatives: 1)
            x += 1
        }
    }

    /// td-mta: one window on each touched day, then the last window trimmed from the
    /// front one touched day at a time (days {0,1,2}, L = 3: {0}, {0,1}, {0,1,2}, {1,2}, {2}).
    private mutating func addTdMTANegatives() {
        for d in touchDays {
            buildWindow(anchor: d)
            counts.add(window, positives: 0, negatives: 1)
        }
        guard let last = touchDays.last else { return }
        let inLast = touchDays.filter { last - $0 < Int64(options.lookbackDays) }.count
        for dropped in stride(from: 1, to: inLast, by: 1) {
            buildWindow(anchor: last, droppingFirst: dropped)
            counts.add(window, positives: 0, negatives: 1)
        }
    }
}

extension WindowExtractor {
    /// The events with only the `top` most touched channels kept, the rest folded into
    /// `others` (ties by name), as `--top-channels` folds them for journeys.
    public static func foldingChannels(_ events: EventTable, top: Int) -> EventTable {
        let (index, remap) = JourneyBuilder.channelMapping(events, topChannels: top)
        var out = events
        out.channels = index
        for i in out.channel.indices where out.channel[i] >= 0 { out.channel[i] = remap[Int(out.channel[i])] }
        return out
    }
}
