/// Markov chain attribution by removal effect (RE_c = 1 − P(conversion with c removed)
/// / P(conversion), as in the R package ChannelAttribution, but solved exactly), at one fixed order:
/// conversions_c = RE_c / Σ RE × total conversions, and the same for revenue.
/// Conversions with an empty path are credited to no channel.
public struct MarkovModel: AttributionModel {
    public let name: String
    public let order: Int
    public let solver: MarkovSolverChoice
    /// Relative accuracy of every P(conversion) the sparse solver returns.
    public let tolerance: Double
    /// Seeds the held-out split of its fit (`MarkovPathPrediction`).
    public let seed: UInt64

    /// Its detail tables' kinds (files are prefixed with the result's name instead).
    public static let removalEffectsTable = "markov_removal_effects"
    public static let transitionsTable = "markov_transitions"
    public static let orderSelectionTable = "markov_order_selection"

    public init(
        order: Int, name: String = "markov", solver: MarkovSolverChoice = .automatic,
        tolerance: Double = 1e-10, seed: UInt64 = ModelOptions.defaults.seed
    ) {
        self.order = order
        self.name = name
        self.solver = solver
        self.tolerance = tolerance
        self.seed = seed
    }

    /// The models `--models markov` stands for: `markov` for one order (or the
    /// automatic choice), `markov-N` for each of several orders.
    public static func models(for options: ModelOptions) -> [any AttributionModel] {
        switch options.markovOrder {
        case .auto(let maxOrder):
            return [MarkovAutoOrderModel(maxOrder: maxOrder, seed: options.seed)]
        case .fixed(let list):
            var orders: [Int] = []
            for k in list where !orders.contains(k) { orders.append(k) }
            if orders.count <= 1 { return [MarkovModel(order: orders.first ?? 1, seed: options.seed)] }
            return orders.map { MarkovModel(order: $0, name: "markov-\($0)", seed: options.seed) }
        }
    }

    public var bootstrappable: Bool { true }

    public func attribute(_ input: AttributionInput) throws -> ModelResult {
        do {
            let chain = try MarkovChain(paths: input.paths, order: order)
            return try MarkovModel.result(name: name, chain: chain, input: input, solver: solver, tolerance: tolerance)
        } catch let error as MarkovError {
            throw ModelError(model: name, message: error.description)
        }
    }

    /// Credits, details and the two detail tables of a fitted chain.
    static func result(
        name: String, chain: MarkovChain, input: AttributionInput,
        solver: MarkovSolverChoice, tolerance: Double = 1e-10
    ) throws -> ModelResult {
        let channels = input.channels
        let absorbing = chain.absorbing()
        let removal = try MarkovRemovalEffects(
            chain: chain, absorbing: absorbing,
            channelCount: channels.count, solver: solver, tolerance: tolerance)
        let sum = removal.effects.reduce(0, +)
        let shares = removal.effects.map { sum > 0 ? $0 / sum : 0 }
        let totalConversions = input.paths.totalConversions
        let totalValue = input.paths.totalValue
        var result = ModelResult(
            model: name, entry: "markov", channels: channels,
            conversions: shares.map { $0 * totalConversions },
            revenue: input.hasValue ? shares.map { $0 * totalValue } : nil)
        result.details = [
            ("p_conversion", .number(removal.pConversion)),
            ("order", .integer(chain.order)),
            ("solver", .text(removal.solver.rawValue)),
        ]
        if removal.solver == .sparse {
            result.details.append(("iterations", .integer(removal.iterations)))
        }
        // Channel-tuple states, without (start), (conversion) and (null).
        result.details.append(("states", .integer(chain.stateCount - 1)))

        var effects = DetailTable(
            kind: Self.removalEffectsTable, fileName: "\(name)_removal_effects.csv",
            header: ["channel", "removal_effect", "conversions", "share", "revenue"])
        // By channel name, like the other models' detail tables.
        for c in channels.names.indices.sorted(by: { channels.names[$0] < channels.names[$1] }) {
            effects.rows.append([
                .text(channels.names[c]), .number(removal.effects[c]), .number(result.conversions[c]),
                .number(shares[c]), result.revenue.map { .number($0[c]) } ?? .text(""),
            ])
        }
        result.tables = [effects, transitionTable(name: name, chain: chain, absorbing: absorbing, channels: channels)]
        return result
    }

    /// Every estimated transition probability, self-loops included; states in
    /// the order the paths first reach them.
    static func transitionTable(
        name: String, chain: MarkovChain, absorbing: AbsorbingChain,
        channels: ChannelIndex
    ) -> DetailTable {
        let names = chain.stateNames(channels: channels).map { DetailValue.text($0) }
        var table = DetailTable(kind: Self.transitionsTable, fileName: "\(name)_transitions.csv", header: ["from", "to", "probability"])
        table.rows.reserveCapacity(absorbing.target.count + 3 * chain.stateCount)
        for s in 0..<chain.stateCount {
            if absorbing.stay[s] > 0 { table.rows.append([names[s], names[s], .number(absorbing.stay[s])]) }
            for e in absorbing.rowStart[s]..<absorbing.rowStart[s + 1] {
                table.rows.append([names[s], names[Int(absorbing.target[e])], .number(absorbing.probability[e])])
            }
            if absorbing.conversion[s] > 0 {
                table.rows.append([names[s], .text("(conversion)"), .number(absorbing.conversion[s])])
            }
            if absorbing.null[s] > 0 { table.rows.append([names[s], .text("(null)"), .number(absorbing.null[s])]) }
        }
        return table
    }
}
