import Foundation

/// Models that rest on the same idea: the report gives each family one section and
/// one paragraph on what it assumes.
public enum ModelFamily: String, Sendable, CaseIterable {
    /// Fixed rules over the touches' positions and times.
    case rules
    /// Removal effects of a Markov chain over the paths.
    case markov
    /// Shapley values of a cooperative game between the channels.
    case shapley
    /// A conversion model learned from the touches' days.
    case neural

    public var title: String {
        switch self {
        case .rules: "Rules"
        case .markov: "Markov chain"
        case .shapley: "Shapley values"
        case .neural: "Data-driven (neural)"
        }
    }

    /// What the family assumes and when to believe it, in two sentences.
    public var explanation: String {
        switch self {
        case .rules:
            "Fixed rules hand each conversion to touches by position or time (all to the first, all to the last, equally, "
                + "U-shaped, or decaying with age); they assume, rather than measure, which touches mattered. "
                + "Read them as bookkeeping conventions: useful for comparison, not as evidence of what a channel adds."
        case .markov:
            "A Markov chain over the paths estimates how much the conversion probability drops when a channel is removed "
                + "(its removal effect), and shares conversions in proportion. Believe it when paths are long enough to "
                + "reveal order and the held-out fit is good; it credits association in the paths, not causation."
        case .shapley:
            "Shapley values split each conversion fairly among the channels present, as in a cooperative game "
                + "(simplified: equally within each converting journey; rate: by how each set of channels converts, null "
                + "journeys included; ordered: by touch position). They answer 'who was there', not 'who made the difference', "
                + "unless the conversion-rate game is well estimated."
        case .neural:
            "A network learns each user's daily chance of converting from the touches of the days before, then credits "
                + "channels by Shapley values of that model (neural) or by the conversions lost when a channel's touches are "
                + "replayed away (neural-removal). It is the only family that estimates what a channel adds; believe it when "
                + "there are enough conversions and days to fit, and check it on synthetic data shaped like yours (mta evaluate)."
        }
    }
}

/// One model as the registry knows it: its `--models` name, family and the detail
/// tables it writes (`DetailTable.kind`), so files, database tables and the report
/// need no list of their own.
public struct ModelEntry: Sendable {
    public let name: String
    public let summary: String
    public let family: ModelFamily
    /// The kinds of detail table its results carry (each also a database table).
    public let detailTables: [String]
    /// One name may yield several models (e.g. Markov at several orders).
    public let make: @Sendable (ModelOptions) -> [any AttributionModel]
    /// Whether `all` selects it: the neural model trains for minutes, so it is named to run.
    public var inAll = true

    public init(
        name: String, summary: String, family: ModelFamily, detailTables: [String] = [], inAll: Bool = true,
        make: @escaping @Sendable (ModelOptions) -> [any AttributionModel]
    ) {
        self.name = name
        self.summary = summary
        self.family = family
        self.detailTables = detailTables
        self.inAll = inAll
        self.make = make
    }
}

public enum ModelRegistry {
    public static let entries: [ModelEntry] = [
        ModelEntry(name: "first-touch", summary: "all credit to the first touch", family: .rules) { _ in [FirstTouch()] },
        ModelEntry(name: "last-touch", summary: "all credit to the last touch", family: .rules) { _ in [LastTouch()] },
        ModelEntry(name: "linear", summary: "equal credit to every touch (or every distinct channel)", family: .rules) {
            [Linear(distinctChannels: $0.linearDistinctChannels)]
        },
        ModelEntry(
            name: "position-based", summary: "U-shaped: first and last touch weighted (40/20/40), the middle shares the rest",
            family: .rules
        ) {
            [PositionBased(first: $0.positionFirst, last: $0.positionLast)]
        },
        ModelEntry(name: "time-decay", summary: "weight 2^(-Δt/half-life) before the conversion (event-level input only)", family: .rules) {
            [TimeDecay(halfLifeDays: $0.halfLifeDays)]
        },
        ModelEntry(
            name: "markov", summary: "Markov chain removal effects, solved exactly (--markov-order N, several, or auto)",
            family: .markov, detailTables: [MarkovModel.removalEffectsTable, MarkovModel.transitionsTable, MarkovModel.orderSelectionTable]
        ) { MarkovModel.models(for: $0) },
        ModelEntry(
            name: "shapley", summary: "simplified Shapley value: each converting journey's credit split equally over its distinct channels",
            family: .shapley
        ) { _ in [SimplifiedShapley()] },
        ModelEntry(
            name: "shapley-ordered",
            summary: "simplified Shapley credit split over the touch positions of each channel (shapley_ordered.csv)",
            family: .shapley, detailTables: [OrderedShapley.positionsTable]
        ) { [OrderedShapley(maxPosition: $0.shapleyMaxPosition)] },
        ModelEntry(
            name: "shapley-rate",
            summary:
                "Shapley value of the conversion-rate game over channel sets, null journeys included (exact, or sampled for large sets)",
            family: .shapley, detailTables: [ConversionRateShapley.errorsTable]
        ) { [ConversionRateShapley(exactMax: $0.shapleyExactMax, samples: $0.shapleySamples, seed: $0.seed)] },
        ModelEntry(
            name: "neural",
            summary:
                "td-mta's LSTM conversion model trained on the journeys' day windows, credit = Shapley values of the model over each conversion window; not in 'all'",
            family: .neural, detailTables: [NeuralModel.byDayKind, NeuralModel.channelsTable], inAll: false
        ) {
            [NeuralModel(settings: $0.neural, results: .credit)]
        },
        ModelEntry(
            name: "neural-removal",
            summary:
                "the same network's expected conversions lost with each channel's touches removed (a replay of every day at risk; one fit with neural when both are named); not in 'all'",
            family: .neural, detailTables: [NeuralModel.incrementalTable], inAll: false
        ) {
            [NeuralModel(settings: $0.neural, results: .removal)]
        },
    ]

    public static var names: [String] { entries.map(\.name) }

    /// The entry named `name` (a `--models` name, or a result's `entry`).
    public static func entry(_ name: String) -> ModelEntry? { entries.first { $0.name == name } }

    /// Every kind of detail table a model may write, in registry order.
    public static var detailTables: [String] { entries.flatMap(\.detailTables) }

    /// The models named in a `--models` list ("all" selects every model but the neural one).
    public static func models(_ list: [String], options: ModelOptions) throws -> [any AttributionModel] {
        var selected: [ModelEntry] = []
        for raw in list {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if name.isEmpty { continue }
            if name == "all" {
                for entry in entries where entry.inAll && !selected.contains(where: { $0.name == entry.name }) { selected.append(entry) }
                continue
            }
            guard let entry = entries.first(where: { $0.name == name }) else {
                throw ModelError(model: raw, message: "unknown model; known models: all, \(names.joined(separator: ", "))")
            }
            if !selected.contains(where: { $0.name == entry.name }) { selected.append(entry) }
        }
        // Keep registry order so outputs are stable whatever order the user typed.
        selected.sort { a, b in
            entries.firstIndex { $0.name == a.name }! < entries.firstIndex { $0.name == b.name }!
        }
        return merged(selected.flatMap { $0.make(options) })
    }

    /// Models that share one fit (`neural` and `neural-removal`) run as one.
    static func merged(_ models: [any AttributionModel]) -> [any AttributionModel] {
        var out: [any AttributionModel] = []
        for model in models {
            if let i = out.indices.first(where: { out[$0].merged(with: model) != nil }) {
                out[i] = out[i].merged(with: model)!
            } else {
                out.append(model)
            }
        }
        return out
    }
}
