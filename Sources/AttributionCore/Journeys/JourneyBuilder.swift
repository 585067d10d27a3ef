/// Cuts an event table into journeys: each user's events in time order (ties in
/// input order), cut as `JourneyOptions` says.
public enum JourneyBuilder {
    /// Handed over (`consume`), the events are freed once cut, before the parts are joined.
    public static func build(_ events: consuming EventTable, options: JourneyOptions = JourneyOptions()) -> JourneySet {
        let mapping = channelMapping(events, topChannels: options.topChannels)
        return build(events, options: options, mapping: mapping)
    }

    /// `mapping`: the journeys' channel index and each event channel's id in it
    /// (top-N folds several into `others`).
    static func build(_ events: consuming EventTable, options: JourneyOptions, mapping: (ChannelIndex, [Int32])) -> JourneySet {
        let channels = mapping.0
        let userCount = events.userCount
        let eventCount = events.count
        let (userStart, order) = groupByUser(events)
        // Grouped, the user column is no longer read: freed before the cut (when handed over).
        events.user = []
        var parts = cutParts(events, count: eventCount, userStart: userStart, order: order, options: options, mapping: mapping)
        _ = consume events
        _ = consume userStart
        _ = consume order
        // Joined part by part, each freed once copied.
        var journeys = JourneySet(channels: channels)
        journeys.reserveCapacity(
            touches: parts.reduce(0) { $0 + $1.0.touchChannel.count },
            journeys: parts.reduce(0) { $0 + $1.0.count })
        var counts: [Int32] = []
        counts.reserveCapacity(parts.reduce(0) { $0 + $1.1.count })
        for k in parts.indices {
            journeys.append(contentsOf: parts[k].0)
            counts.append(contentsOf: parts[k].1)
            parts[k] = (JourneySet(channels: channels), [])
        }
        if options.transforms.kind == .frequency {
            journeys.channels = FrequencyVocabulary.relabel(&journeys.touchChannel, counts: counts, base: channels)
        }
        journeys.userCount = userCount
        if let window = options.window { journeys = journeys.ending(in: window) }
        return journeys
    }

    /// The journeys of each part of the users, cut in parallel (with each kept touch's
    /// occurrence count for `frequency` paths). `events` may lack its user column:
    /// its `count` events are grouped by user in `order`.
    private static func cutParts(
        _ events: EventTable, count: Int, userStart: [Int], order: [Int32],
        options: JourneyOptions, mapping: (ChannelIndex, [Int32])
    ) -> [(JourneySet, [Int32])] {
        let (channels, remap) = mapping
        let lookbackMs: Int64? = options.lookbackDays.map { Int64(($0 * 86_400_000).rounded()) }

        let chunks = chunkCount(forWork: count, minimumPerChunk: 200_000)
        let userRanges = chunkRanges(events.userCount, chunks: chunks)
        return parallelMap(chunks: chunks) { part -> (JourneySet, [Int32]) in
            var cutter = JourneyCutter(
                events: events, remap: remap, rule: options.rule,
                lookbackMs: lookbackMs, transforms: options.transforms,
                channels: channels)
            // A part has at most one touch per event and one journey per conversion or user:
            // reserved up front, the columns never grow by doubling (untouched capacity is not resident).
            let range = userRanges[part]
            let eventsInPart = userStart[range.upperBound] - userStart[range.lowerBound]
            cutter.journeys.reserveCapacity(touches: eventsInPart, journeys: min(eventsInPart, eventsInPart / 4 + range.count))
            for u in range {
                cutter.cutUser(order[userStart[u]..<userStart[u + 1]])
            }
            return (cutter.journeys, cutter.frequencyCounts)
        }
    }

    /// The channel index after `--top-channels`, and the old → new id map.
    static func channelMapping(_ events: EventTable, topChannels: Int?) -> (ChannelIndex, [Int32]) {
        let n = events.channels.count
        let identity = (0..<n).map { Int32($0) }
        guard let top = topChannels, top < n else { return (events.channels, identity) }
        var counts = [Int](repeating: 0, count: n)
        for c in events.channel where c >= 0 { counts[Int(c)] += 1 }
        let index = topChannelIndex(Dictionary(uniqueKeysWithValues: zip(events.channels.names, counts)), top: top)
        let others = index.lookup(JourneyOptions.othersChannel)!
        return (index, events.channels.names.map { index.lookup($0) ?? others })
    }

    /// The `top` most touched channels, most frequent first (ties by name, so the choice
    /// does not depend on input order), then `others`.
    static func topChannelIndex(_ touchCounts: [String: Int], top: Int) -> ChannelIndex {
        let ranked = touchCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var index = ChannelIndex(names: ranked.prefix(top).map(\.key))
        _ = index.id(for: JourneyOptions.othersChannel)
        return index
    }

    /// Event indices grouped by user, input order kept within a user (counting sort).
    static func groupByUser(_ events: EventTable) -> (start: [Int], order: [Int32]) {
        var start = [Int](repeating: 0, count: events.userCount + 1)
        for u in events.user { start[Int(u) + 1] += 1 }
        for u in 0..<events.userCount { start[u + 1] += start[u] }
        var next = start
        var order = [Int32](repeating: 0, count: events.count)
        events.user.withUnsafeBufferPointer { users in
            order.withUnsafeMutableBufferPointer { out in
                for i in 0..<users.count {
                    let u = Int(users[i])
                    out[next[u]] = Int32(i)
                    next[u] += 1
                }
            }
        }
        return (start, order)
    }
}

/// Walks one user's events at a time and appends the journeys they make.
struct JourneyCutter {
    let events: EventTable
    let remap: [Int32]
    let rule: JourneyOptions.Rule
    let lookbackMs: Int64?
    var journeys: JourneySet
    /// For `frequency` paths: each kept touch's occurrence count, parallel to
    /// `journeys.touchChannel` (which holds base channel ids until relabelled).
    var frequencyCounts: [Int32] = []
    private var transformer: PathTransformer?
    private var sorted: [Int32] = []
    private var pendingChannel: [Int32] = []
    private var pendingTime: [Int64] = []
    private var keptChannel: [Int32] = []
    private var keptTime: [Int64] = []

    init(
        events: EventTable, remap: [Int32], rule: JourneyOptions.Rule, lookbackMs: Int64?, transforms: PathTransforms,
        channels: ChannelIndex
    ) {
        self.events = events
        self.remap = remap
        self.rule = rule
        self.lookbackMs = lookbackMs
        self.transformer = transforms.isIdentity ? nil : PathTransformer(transforms, channels: channels)
        self.journeys = JourneySet(channels: channels)
    }

    mutating func cutUser(_ eventIndices: ArraySlice<Int32>) {
        sorted.removeAll(keepingCapacity: true)
        sorted.append(contentsOf: eventIndices)
        sortByTimeStable()
        pendingChannel.removeAll(keepingCapacity: true)
        pendingTime.removeAll(keepingCapacity: true)
        for e in sorted {
            let i = Int(e)
            let c = events.channel[i]
            if c >= 0 {
                pendingChannel.append(remap[Int(c)])
                pendingTime.append(events.time[i])
            }
            if events.isConversion[i] {
                close(converted: true, endTime: events.time[i], value: events.value[i])
                if rule == .firstConversion { return }
            }
        }
        if let last = pendingTime.last {
            close(converted: false, endTime: last, value: 0)
        }
    }

    /// Ties in time keep input order: the indices are already in input order,
    /// so comparing (time, index) makes the sort stable.
    private mutating func sortByTimeStable() {
        let time = events.time
        var isSorted = true
        for k in sorted.indices.dropFirst() where time[Int(sorted[k - 1])] > time[Int(sorted[k])] {
            isSorted = false
            break
        }
        if !isSorted {
            sorted.sort { a, b in
                let ta = time[Int(a)], tb = time[Int(b)]
                return ta != tb ? ta < tb : a < b
            }
        }
    }

    private mutating func close(converted: Bool, endTime: Int64, value: Double) {
        var first = 0
        if let window = lookbackMs {
            while first < pendingTime.count && endTime - pendingTime[first] > window { first += 1 }
        }
        if transformer != nil {
            // Mutated in place (optional chaining) so its buffers are reused, not copied.
            transformer?.apply(pendingChannel[first...])
            keptChannel.removeAll(keepingCapacity: true)
            keptTime.removeAll(keepingCapacity: true)
            for i in transformer!.kept {
                keptChannel.append(pendingChannel[i])
                keptTime.append(pendingTime[i])
            }
            frequencyCounts.append(contentsOf: transformer!.counts)
            // A null journey left with no touch has nothing to count.
            if converted || !keptChannel.isEmpty {
                journeys.appendJourney(
                    channels: keptChannel[...], times: keptTime[...],
                    converted: converted, endTime: endTime, value: value)
            }
        } else {
            journeys.appendJourney(
                channels: pendingChannel[first...], times: pendingTime[first...],
                converted: converted, endTime: endTime, value: value)
        }
        pendingChannel.removeAll(keepingCapacity: true)
        pendingTime.removeAll(keepingCapacity: true)
    }
}
