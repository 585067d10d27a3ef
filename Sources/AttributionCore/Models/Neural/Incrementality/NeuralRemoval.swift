import Foundation

/// Replays every segment's days at risk through the calibrated model, once as they
/// happened and once per channel with that channel's cells cleared from every window,
/// and compares expected conversions: a segment converts with probability
/// 1 − Π(1 − h(day)) over its at-risk days (its conversion day included). The
/// difference summed over segments is the channel's incremental conversions.
public enum NeuralRemoval {
    /// `counts` must be the journeys' at-risk windows (`WindowExtractor.extract` with
    /// `.atRisk` and the model's lookback): every replayed window is looked up there.
    public static func measure(_ model: TrainedModel, journeys: JourneySet, counts: WindowCounts) -> NeuralIncrementality {
        let channels = counts.channels, days = counts.days
        var result = NeuralIncrementality(channels: channels)
        guard counts.count > 0 else { return result }
        let hazards = RemovalHazards(model, counts: counts)

        let options = ExtractOptions(lookbackDays: days, negatives: .atRisk)
        let feed = JourneyFeed(journeys: journeys)
        let lastDay = feed.lastDay
        // Fixed-size chunks summed in order: the same figures on any number of cores.
        let ranges = stride(from: 0, to: journeys.count, by: 32_768).map { $0..<min(journeys.count, $0 + 32_768) }
        let parts = parallelMap(chunks: max(1, ranges.count)) { part -> NeuralIncrementality in
            var cutter = UserWindowCutter(options: options, lastDay: lastDay,
                                          sink: SegmentReplay(hazards: hazards, counts: counts, channels: channels))
            if part < ranges.count { for j in ranges[part] { feed.journey(j, into: &cutter) } }
            return cutter.sink.result
        }
        for part in parts {
            for c in 0..<channels { result.incremental[c] += part.incremental[c] }
            result.expectedConversions += part.expectedConversions
            result.segments += part.segments
        }
        result.observedConversions = Double(counts.totalPositives)
        return result
    }
}

/// log(1 − h) of every distinct window, and how it changes when each of the window's
/// channels is cleared (only channels present change it).
struct RemovalHazards: Sendable {
    /// log(1 − h(w)) per distinct window.
    let logSurvival: [Double]
    /// Window w's changes are `changes[start[w]..<start[w + 1]]`.
    let start: [Int]
    let changes: [(channel: Int32, delta: Double)]

    init(_ model: TrainedModel, counts: WindowCounts) {
        let days = counts.days
        var removed = WindowCounts(days: days, channels: counts.channels)
        var start = [0]
        var removedIndex: [Int32] = [], removedChannel: [Int32] = []
        var scratch = [UInt64](repeating: 0, count: days)
        let masks = counts.windows.dayMasks
        for w in 0..<counts.count {
            var present: UInt64 = 0
            for k in 0..<days { present |= masks[w * days + k] }
            while present != 0 {
                let c = present.trailingZeroBitCount
                present &= present - 1
                let clear = ~(UInt64(1) << UInt64(c))
                for k in 0..<days { scratch[k] = masks[w * days + k] & clear }
                // Often another journey's day looked like this already: score it once.
                // Negative: −1 − (index among the at-risk windows).
                let index = scratch.withUnsafeBufferPointer { window in
                    counts.index(of: window).map { -1 - $0 } ?? removed.insert(window)
                }
                removedIndex.append(Int32(index))
                removedChannel.append(Int32(c))
            }
            start.append(removedIndex.count)
        }
        let h = Self.probabilities(model, counts.windows)
        let hRemoved = Self.probabilities(model, removed.windows)
        logSurvival = h.map { log1p(-$0) }
        var changes: [(channel: Int32, delta: Double)] = []
        changes.reserveCapacity(removedIndex.count)
        for w in 0..<counts.count {
            for k in start[w]..<start[w + 1] {
                let i = Int(removedIndex[k])
                let cleared = i >= 0 ? log1p(-hRemoved[i]) : logSurvival[-1 - i]
                changes.append((removedChannel[k], cleared - logSurvival[w]))
            }
        }
        self.start = start
        self.changes = changes
    }

    private static func probabilities(_ model: TrainedModel, _ windows: WindowBatch) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(windows.count)
        let chunk = 262_144
        for s in stride(from: 0, to: windows.count, by: chunk) {
            out += model.probabilities(windows.gathering(s..<min(windows.count, s + chunk)))
        }
        return out
    }
}

/// Sums one chunk's segments: log-survival as it happened and, per channel touched in
/// the segment, the change when that channel is cleared.
struct SegmentReplay: WindowSink {
    let hazards: RemovalHazards
    let counts: WindowCounts
    var result: NeuralIncrementality
    private var logSurvival = 0.0
    private var delta: [Double]
    private var touched: [Int32] = []
    private var isTouched: [Bool]

    init(hazards: RemovalHazards, counts: WindowCounts, channels: Int) {
        self.hazards = hazards
        self.counts = counts
        result = NeuralIncrementality(channels: channels)
        delta = [Double](repeating: 0, count: channels)
        isTouched = [Bool](repeating: false, count: channels)
    }

    mutating func add(_ window: [UInt64], positives: Int64, negatives: Int64) {
        guard let w = window.withUnsafeBufferPointer({ counts.index(of: $0) }) else {
            preconditionFailure("a replayed window is missing from the at-risk windows")
        }
        let n = Double(positives + negatives)
        logSurvival += n * hazards.logSurvival[w]
        for k in hazards.start[w]..<hazards.start[w + 1] {
            let (c, d) = hazards.changes[k]
            if !isTouched[Int(c)] {
                isTouched[Int(c)] = true
                touched.append(c)
            }
            delta[Int(c)] += n * d
        }
    }

    mutating func endSegment() {
        let converts = -expm1(logSurvival)
        result.expectedConversions += converts
        result.segments += 1
        for c in touched {
            result.incremental[Int(c)] += converts - -expm1(logSurvival + delta[Int(c)])
            delta[Int(c)] = 0
            isTouched[Int(c)] = false
        }
        touched.removeAll(keepingCapacity: true)
        logSurvival = 0
    }
}
