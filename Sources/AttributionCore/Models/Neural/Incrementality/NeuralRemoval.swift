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
            var cutter = UserWindowCutter(
                options: options, lastDay: lastDay,
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
///
/// Built in blocks of distinct windows: a cleared window that is another at-risk
/// window takes that window's score; the others (on generated data about two in
/// three, most of them unique) are scored per block, identical ones within the block
/// once. Memory is then bounded by a block, not by every cleared window at once.
struct RemovalHazards: Sendable {
    /// log(1 − h(w)) per distinct window.
    let logSurvival: [Double]
    /// Window w's changes are `changeChannel[start[w]..<start[w + 1]]` and `changeDelta[…]`.
    let start: [Int]
    let changeChannel: [UInt8]
    let changeDelta: [Double]

    /// Distinct windows per block.
    static let blockWindows = 65_536

    init(_ model: TrainedModel, counts: WindowCounts) {
        let days = counts.days
        let logSurvival = Self.probabilities(model, counts.windows).map { log1p(-$0) }
        var start = [Int](), changeChannel = [UInt8](), changeDelta = [Double]()
        start.reserveCapacity(counts.count + 1)
        start.append(0)
        var scratch = [UInt64](repeating: 0, count: days)
        let masks = counts.windows.dayMasks
        for blockStart in stride(from: 0, to: counts.count, by: Self.blockWindows) {
            let block = blockStart..<min(counts.count, blockStart + Self.blockWindows)
            // Per change: ≥ 0 an at-risk window's index, < 0 −1 − the block's new window.
            var target: [Int32] = []
            var fresh = WindowCounts(days: days, channels: counts.channels)
            for w in block {
                var present: UInt64 = 0
                for k in 0..<days { present |= masks[w * days + k] }
                while present != 0 {
                    let c = present.trailingZeroBitCount
                    present &= present - 1
                    let clear = ~(UInt64(1) << UInt64(c))
                    for k in 0..<days { scratch[k] = masks[w * days + k] & clear }
                    let index = scratch.withUnsafeBufferPointer { window in
                        counts.index(of: window) ?? (-1 - fresh.insert(window))
                    }
                    target.append(Int32(index))
                    changeChannel.append(UInt8(c))
                }
                start.append(changeChannel.count)
            }
            let freshSurvival = Self.probabilities(model, fresh.windows).map { log1p(-$0) }
            let first = start[block.lowerBound]
            for w in block {
                for k in start[w]..<start[w + 1] {
                    let t = Int(target[k - first])
                    let cleared = t >= 0 ? logSurvival[t] : freshSurvival[-1 - t]
                    changeDelta.append(cleared - logSurvival[w])
                }
            }
        }
        self.logSurvival = logSurvival
        self.start = start
        self.changeChannel = changeChannel
        self.changeDelta = changeDelta
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
            let c = Int(hazards.changeChannel[k]), d = hazards.changeDelta[k]
            if !isTouched[c] {
                isTouched[c] = true
                touched.append(Int32(c))
            }
            delta[c] += n * d
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
