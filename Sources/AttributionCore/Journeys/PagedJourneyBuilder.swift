/// Cuts journeys one page of events at a time, so a database source holds one
/// page of events, never the whole relation. Each page must hold whole users
/// (pages split by user). The result equals `JourneyBuilder.build` on all the
/// events, channels numbered by first appearance over the pages.
public struct PagedJourneyBuilder: Sendable {
    public let options: JourneyOptions
    /// Top-N needs every channel's touch count over all pages before the first
    /// page is cut: transforms (repeats collapsed, first touch) run after channels
    /// are folded into `others`.
    private let ranking: (index: ChannelIndex, others: Int32)?
    public private(set) var journeys = JourneySet(channels: ChannelIndex())
    /// Event rows cut so far.
    public private(set) var events = 0

    /// `touchCounts`: touch rows per channel name over the whole source; needed
    /// (and only read) when `options.topChannels` is set.
    public init(options: JourneyOptions, touchCounts: [String: Int]) {
        self.options = options
        if let top = options.topChannels, top < touchCounts.count {
            let index = JourneyBuilder.topChannelIndex(touchCounts, top: top)
            ranking = (index, index.lookup(JourneyOptions.othersChannel)!)
        } else {
            ranking = nil
        }
    }

    public mutating func add(_ page: EventTable) {
        events += page.count
        let part: JourneySet
        if let ranking {
            let remap = page.channels.names.map { ranking.index.lookup($0) ?? ranking.others }
            part = JourneyBuilder.build(page, options: options, mapping: (ranking.index, remap))
        } else {
            var untouched = options
            untouched.topChannels = nil
            part = JourneyBuilder.build(page, options: untouched)
        }
        journeys.appendMatchingChannels(part)
    }
}
