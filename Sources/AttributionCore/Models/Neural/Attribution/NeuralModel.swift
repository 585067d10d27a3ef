import Foundation

/// `--models neural` and `neural-removal`: the three stages of `mta extract`,
/// `train` and `explain` in memory on the run's journeys (each journey one segment at
/// risk: one example per day at risk, a discrete-time hazard design). One fitted
/// network gives either result or both: `neural` (Shapley values of the calibrated
/// model over each conversion window's cells) and `neural-removal` (expected
/// conversions lost with each channel's touches removed, a replay that costs several
/// times the Shapley values on large data).
public struct NeuralModel: AttributionModel {
    public struct Results: OptionSet, Sendable, Equatable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `neural`: the Shapley credit.
        public static let credit = Results(rawValue: 1)
        /// `neural-removal`: the removal replay.
        public static let removal = Results(rawValue: 2)
    }

    public static let creditName = "neural"
    public static let removalName = "neural-removal"
    /// Detail tables: the removal replay's lost conversions, the credit by day before
    /// the conversion, and the Shapley values per channel with their sampling errors.
    public static let incrementalTable = "neural_incremental"
    public static let byDayKind = "neural_by_day"
    public static let channelsTable = "neural_channels"
    public let settings: NeuralSettings
    public let results: Results
    public var name: String { results.contains(.credit) ? Self.creditName : Self.removalName }
    public var resultNames: [String] {
        (results.contains(.credit) ? [Self.creditName] : []) + (results.contains(.removal) ? [Self.removalName] : [])
    }
    public var needsJourneys: Bool { true }

    public init(settings: NeuralSettings, results: Results) {
        self.settings = settings
        self.results = results
    }

    /// `neural` and `neural-removal` named together share one fit.
    public func merged(with other: any AttributionModel) -> (any AttributionModel)? {
        guard let other = other as? NeuralModel, other.settings == settings else { return nil }
        return NeuralModel(settings: settings, results: results.union(other.results))
    }

    public func attribute(_ input: AttributionInput) throws -> ModelResult {
        try attributeAll(input)[0]
    }

    public func attributeAll(_ input: AttributionInput) throws -> [ModelResult] {
        guard let journeys = input.journeys else {
            throw ModelError(model: name, message: "needs event-level input (touch times); a path table has none")
        }
        guard journeys.channels.count > 0 else { throw ModelError(model: name, message: "no channel was touched") }
        guard journeys.channels.count <= NetworkShape.maximumChannels else {
            throw ModelError(
                model: name,
                message:
                    "\(journeys.channels.count) channels; the network takes at most \(NetworkShape.maximumChannels): fold the rest with --top-channels \(NetworkShape.maximumChannels - 1) (plus others)"
            )
        }
        if let problem = settings.training.problem { throw ModelError(model: name, message: problem) }
        let clock = ContinuousClock()
        var stages: [(String, Duration)] = []
        func timed<T>(_ stage: String, _ work: () -> T) -> T {
            settings.progress?.stageStarted(stage)
            let start = clock.now
            let value = work()
            stages.append((stage, clock.now - start))
            return value
        }
        let counts = timed("extract") {
            WindowExtractor.extract(journeys, options: ExtractOptions(lookbackDays: settings.lookbackDays, negatives: .atRisk))
        }
        guard counts.totalPositives > 0, counts.totalNegatives > 0 else {
            throw ModelError(model: name, message: "needs both conversions and days without one to learn from")
        }
        var epochs: [EpochMetrics] = []
        let model = timed("train") {
            NeuralTrainer.train(
                counts, options: settings.training,
                onStep: { done, total in settings.progress?.trainingStep(done, of: total) },
                onEpoch: { epochs.append($0) })
        }
        var out: [ModelResult] = []
        if results.contains(.credit) {
            let explanation = timed("explain") { NeuralShapley.explain(model, counts: counts, options: settings.shapley) }
            out.append(shapleyResult(explanation, counts: counts, epochs: epochs, input: input))
        }
        if results.contains(.removal) {
            let removal = timed("removal replay") { NeuralRemoval.measure(model, journeys: journeys, counts: counts) }
            out.append(removalResult(removal, input: input))
        }
        // Where the minutes went, for whoever sizes a run.
        out[0].messages.append("\(name): " + stages.map { "\($0.0) \(String(format: "%.1f", seconds($0.1))) s" }.joined(separator: ", "))
        return out
    }

    private func shapleyResult(_ e: NeuralExplanation, counts: WindowCounts, epochs: [EpochMetrics], input: AttributionInput) -> ModelResult
    {
        var result = credited(Self.creditName, shares: e.channelShare, input: input)
        var details: [(key: String, value: DetailValue)] = [
            ("lookback_days", .integer(counts.days)),
            ("distinct_windows", .integer(counts.count)),
            ("positive_windows", .integer(Int(counts.totalPositives))),
            ("negative_windows", .integer(Int(counts.totalNegatives))),
            ("baseline_probability", .number(e.baseline)),
            ("exact_windows", .integer(e.exactWindows)),
            ("sampled_windows", .integer(e.sampledWindows)),
            ("permutations_per_window", .integer(e.permutationsPerWindow)),
        ]
        if let last = epochs.last {
            details.append(("train_log_loss", .number(last.train.logLoss)))
            details.append(("train_roc_auc", .number(last.train.rocAUC)))
            if let v = last.validation {
                details.append(("holdout_log_loss", .number(v.logLoss)))
                details.append(("holdout_roc_auc", .number(v.rocAUC)))
            }
        }
        result.details = details
        result.tables = [Self.byDayTable(e, channels: input.channels.names), Self.channelTable(e, channels: input.channels.names)]
        if let last = epochs.last, let v = last.validation {
            result.messages = [
                "neural: \(counts.count) distinct windows, held-out ROC AUC \(String(format: "%.4f", v.rocAUC)), log loss \(String(format: "%.5f", v.logLoss))"
            ]
        }
        return result
    }

    func removalResult(_ r: NeuralIncrementality, input: AttributionInput) -> ModelResult {
        var result = credited(Self.removalName, shares: r.shares, input: input)
        result.details = [
            ("expected_conversions", .number(r.expectedConversions)),
            ("observed_conversions", .number(r.observedConversions)),
            ("incremental_conversions", .number(r.incremental.reduce(0, +))),
            ("segments", .integer(r.segments)),
        ]
        var table = DetailTable(
            kind: Self.incrementalTable,
            header: ["channel", "incremental_conversions", "share", "expected_conversions", "observed_conversions"])
        let shares = r.shares
        for c in 0..<input.channels.count {
            table.rows.append([
                .text(input.channels.names[c]), .number(r.incremental[c]), .number(shares[c]),
                .number(r.expectedConversions), .number(r.observedConversions),
            ])
        }
        result.tables = [table]
        result.messages = [
            "neural-removal: the model expects \(conversions(r.expectedConversions)) conversions (observed \(conversions(r.observedConversions))); removing every channel's touches one at a time loses \(conversions(r.incremental.reduce(0, +))) in all"
        ]
        let net = r.incremental.reduce(0, +), gross = r.incremental.reduce(0) { $0 + abs($1) }
        if gross > 0 && abs(net) < 0.5 * gross {
            // Shares are each channel's part of the net total: with large gains and losses
            // cancelling they swing far past 0 and 1.
            result.messages.append(
                "neural-removal: channels' gains and losses nearly cancel (net \(conversions(net)) of \(conversions(gross))); its shares are unstable, read neural_incremental.csv's conversions instead"
            )
        }
        return result
    }

    /// Shares denormalized over the run's conversions and revenue, as Markov's are.
    private func credited(_ model: String, shares: [Double], input: AttributionInput) -> ModelResult {
        let conversions = input.paths.totalConversions, value = input.paths.totalValue
        return ModelResult(
            model: model, channels: input.channels, conversions: shares.map { $0 * conversions },
            revenue: input.hasValue ? shares.map { $0 * value } : nil)
    }

    /// `neural_by_day.csv`: every (day, channel) cell's summed value, the conversion day first.
    public static func byDayTable(_ e: NeuralExplanation, channels names: [String]) -> DetailTable {
        var table = DetailTable(kind: Self.byDayKind, header: ["days_before_conversion", "channel", "value", "share"])
        let total = e.total
        for k in 0..<e.days {
            for c in 0..<e.channels {
                let v = e.cell(daysBeforeConversion: k, channel: c)
                table.rows.append([.integer(k), .text(names[c]), .number(v), .number(total != 0 ? v / total : 0)])
            }
        }
        return table
    }

    /// `neural_channels.csv`: per channel the summed value, its share, the conversions
    /// it stands for (share × conversions) and the sampling standard error of the value.
    public static func channelTable(_ e: NeuralExplanation, channels names: [String]) -> DetailTable {
        var table = DetailTable(kind: Self.channelsTable, header: ["channel", "value", "share", "conversions", "standard_error"])
        let share = e.channelShare, conversions = e.channelConversions
        for c in 0..<e.channels {
            table.rows.append([
                .text(names[c]), .number(e.channelValue[c]), .number(share[c]),
                .number(conversions[c]), .number(e.channelError[c]),
            ])
        }
        return table
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Conversions as a person reads them: one decimal, never in exponent form.
    private func conversions(_ x: Double) -> String { String(format: "%.1f", x) }
}
