import Foundation

/// Percentile intervals of every model's credit by a Poisson bootstrap of the
/// journeys: each replicate resamples them and refits the model; a channel's
/// interval is the middle `level` of its replicate credits and shares.
///
/// What it covers: the sampling noise of the journeys (another sample of users
/// from the same population would give other credits), not the model's error —
/// a model that credits the wrong channel does so in every replicate.
///
/// Path-level models see `PathResample` replicates, event-level ones (touch times)
/// `JourneyResample` replicates. Replicates are shared out over the cores; each
/// draws from its own stream of (seed, replicate), so the intervals are the same
/// for any number of workers. A model's own seeded choices (Markov's held-out
/// split, sampled Shapley orderings) keep the run's seed in every replicate.
public enum BootstrapIntervals {
    /// `onReplicateDone` is called as each replicate finishes (from any thread), for progress.
    public static func compute(
        _ models: [any AttributionModel], on input: AttributionInput,
        options: IntervalOptions, onReplicateDone: @Sendable () -> Void = {}
    ) -> IntervalReport {
        let refitted = models.filter(\.bootstrappable)
        let excluded = models.filter { !$0.bootstrappable }.map(\.name)
        let excludedResults = models.filter { !$0.bootstrappable }.flatMap(\.resultNames)
        guard !refitted.isEmpty, options.replicates > 0 else {
            return IntervalReport(options: options, models: [], excludedModels: excluded, excludedResults: excludedResults)
        }
        let eventModels = refitted.filter(\.needsJourneys)
        let convertingOnly = !eventModels.contains(where: \.usesNullJourneys)
        let journeyResample = eventModels.isEmpty ? nil : input.journeys.map { JourneyResample($0, convertingOnly: convertingOnly) }
        let pathModels = refitted.contains { !$0.needsJourneys }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = max(1, min(options.workers ?? cores, options.replicates))
        let perWorker = parallelMap(chunks: workers) { w -> [[Fit]] in
            var scratch = Scratch()
            return stride(from: w, to: options.replicates, by: workers).map { r in
                defer { onReplicateDone() }
                return replicate(r, refitted, input, journeyResample, pathModels: pathModels, options, &scratch)
            }
        }
        // Back into replicate order: replicate r ran on worker r mod workers.
        let fits: [[Fit]] = (0..<options.replicates).map { r in perWorker[r % workers][r / workers] }
        return IntervalReport(
            options: options, models: summarize(fits, models: refitted, channels: input.channels, options),
            excludedModels: excluded, excludedResults: excludedResults)
    }

    /// One model's fit on one replicate: its results' credits, or why it failed.
    enum Fit: Sendable {
        case success([(model: String, conversions: [Double])])
        case failure(String)
    }

    static func generator(_ options: IntervalOptions, replicate r: Int, kind: UInt64) -> SeededGenerator {
        // "BOOTSTRP" keeps these streams apart from the models' own under the same seed.
        SeededGenerator(seed: options.seed ^ 0x424F_4F54_5354_5250, stream: UInt64(r) &* 2 &+ kind)
    }

    /// A worker's replicate buffers, reused from one replicate to the next.
    struct Scratch {
        var paths = PathTable(channels: ChannelIndex())
        var journeys = JourneyResample.Scratch()
    }

    static func replicate(
        _ r: Int, _ models: [any AttributionModel], _ input: AttributionInput,
        _ journeyResample: JourneyResample?, pathModels: Bool, _ options: IntervalOptions,
        _ scratch: inout Scratch
    ) -> [Fit] {
        var pathInput: AttributionInput? = nil
        if pathModels {
            var rng = generator(options, replicate: r, kind: 0)
            PathResample.replicate(input.paths, into: &scratch.paths, &rng)
            pathInput = AttributionInput(paths: scratch.paths, journeys: nil, hasValue: input.hasValue)
        }
        var eventInput: AttributionInput? = nil
        if let journeyResample {
            var rng = generator(options, replicate: r, kind: 1)
            eventInput = journeyResample.replicate(&rng, scratch: &scratch.journeys, hasValue: input.hasValue)
        }
        return models.map { model in
            guard let sample = model.needsJourneys ? eventInput : pathInput else {
                return .failure("needs event-level input (touch times)")
            }
            do {
                return .success(try model.attributeAll(sample).map { ($0.model, $0.conversions) })
            } catch let error as ModelError {
                return .failure(error.message)
            } catch {
                return .failure("\(error)")
            }
        }
    }

    /// Percentile intervals per result, in model order, from fits[replicate][model].
    static func summarize(
        _ fits: [[Fit]], models: [any AttributionModel], channels: ChannelIndex,
        _ options: IntervalOptions
    ) -> [ModelIntervals] {
        let lowQ = (1 - options.level) / 2, highQ = 1 - lowQ
        var out: [ModelIntervals] = []
        for m in models.indices {
            var names: [String] = []
            var samples: [String: [[Double]]] = [:]
            var firstFailure: String? = nil
            for replicate in fits {
                switch replicate[m] {
                case .failure(let message):
                    if firstFailure == nil { firstFailure = message }
                case .success(let results):
                    for (name, conversions) in results {
                        if samples[name] == nil { names.append(name) }
                        samples[name, default: []].append(conversions)
                    }
                }
            }
            for name in names {
                let draws = samples[name]!
                let totals = draws.map { $0.reduce(0, +) }
                var intervals: [CreditInterval] = []
                for c in 0..<channels.count {
                    var credit: [Double] = [], share: [Double] = []
                    credit.reserveCapacity(draws.count)
                    share.reserveCapacity(draws.count)
                    for (conversions, total) in zip(draws, totals) {
                        credit.append(conversions[c])
                        // As `ModelResult.shares`: 0 when nothing was credited.
                        share.append(total > 0 ? conversions[c] / total : 0)
                    }
                    credit.sort()
                    share.sort()
                    intervals.append(
                        CreditInterval(
                            conversionsLow: Percentile.of(sorted: credit, lowQ),
                            conversionsHigh: Percentile.of(sorted: credit, highQ),
                            shareLow: Percentile.of(sorted: share, lowQ),
                            shareHigh: Percentile.of(sorted: share, highQ)))
                }
                out.append(
                    ModelIntervals(
                        model: name, channels: channels, intervals: intervals, replicates: draws.count,
                        failures: options.replicates - draws.count, firstFailure: firstFailure))
            }
        }
        return out
    }
}
