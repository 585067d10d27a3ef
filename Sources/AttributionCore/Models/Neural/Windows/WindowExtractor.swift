/// Day-bucketed windows from events (the `mta extract` stage; td-mta's features).
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
                var cutter = UserWindowCutter(
                    options: options, lastDay: lastDay,
                    sink: WindowCounts(days: options.lookbackDays, channels: channels))
                var feed = EventFeed(events: events)
                for u in (page * usersPerPage)..<min(events.userCount, (page + 1) * usersPerPage) {
                    feed.user(order[userStart[u]..<userStart[u + 1]], into: &cutter)
                }
                total.merge(cutter.sink)
            }
            return total
        }
        var all = parts[0]
        for part in parts.dropFirst() { all.merge(part) }
        return all.sorted()
    }

    /// Windows from journeys (the in-memory `--models neural`): each journey is one
    /// segment, at risk from its first touch to its conversion or, for a journey that
    /// did not convert, to the last day the journeys saw. The same counts as `extract`
    /// on the events whenever the journeys are the events' segments (every user
    /// converting at most once, or every conversion cutting a journey with none after).
    public static func extract(_ journeys: JourneySet, options: ExtractOptions) -> WindowCounts {
        precondition(options.lookbackDays >= 1)
        precondition(journeys.channels.count <= NetworkShape.maximumChannels)
        let channels = max(1, journeys.channels.count)
        guard journeys.count > 0 else { return WindowCounts(days: options.lookbackDays, channels: channels) }
        let feed = JourneyFeed(journeys: journeys)
        let lastDay = feed.lastDay
        let chunks = chunkCount(forWork: journeys.touchChannel.count + journeys.count, minimumPerChunk: 200_000)
        let ranges = chunkRanges(journeys.count, chunks: chunks)
        let parts = parallelMap(chunks: ranges.count) { part -> WindowCounts in
            var cutter = UserWindowCutter(
                options: options, lastDay: lastDay,
                sink: WindowCounts(days: options.lookbackDays, channels: channels))
            for j in ranges[part] { feed.journey(j, into: &cutter) }
            return cutter.sink
        }
        var all = parts[0]
        for part in parts.dropFirst() { all.merge(part) }
        return all.sorted()
    }

    /// The UTC day of a time in milliseconds (floor, also before 1970).
    static func day(_ t: Int64) -> Int64 { t >= 0 ? t / dayMs : -((-t + dayMs - 1) / dayMs) }
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
