import Foundation

/// Markov attribution at an order chosen from the data (ChannelAttribution's
/// `choose_order`, with a held-out split instead of a penalized in-sample AUC):
/// orders 1...maxOrder are fitted on 80 % of the journeys, each held-out path
/// is scored by the absorption probability in `(conversion)` from its final
/// state, the order with the best weighted ROC AUC wins (the lower order on a
/// tie), and that order is fitted on all paths.
public struct MarkovAutoOrderModel: AttributionModel {
    public let name = "markov"
    public let maxOrder: Int
    public let seed: UInt64
    public let solver: MarkovSolverChoice

    static let trainFraction = 0.8
    /// Scores are compared at this resolution, so states whose exact
    /// probabilities are equal tie despite solver rounding.
    static let scoreResolution = 1e-9

    public init(maxOrder: Int, seed: UInt64, solver: MarkovSolverChoice = .automatic) {
        self.maxOrder = maxOrder
        self.seed = seed
        self.solver = solver
    }

    public func attribute(_ input: AttributionInput) throws -> ModelResult {
        guard maxOrder >= 1 else { throw ModelError(model: name, message: "the largest order must be at least 1, got \(maxOrder)") }
        let paths = input.paths
        let fitting = MarkovStateKey.maximumOrder(channelCount: paths.channels.count)
        let orders = Array(1...min(maxOrder, fitting))
        let split = MarkovHoldoutSplit(paths: paths, trainFraction: Self.trainFraction, seed: seed)
        do {
            let solver = self.solver
            let aucs = try parallelMapThrowing(chunks: orders.count) { i in
                try Self.heldOutAUC(order: orders[i], paths: paths, split: split, solver: solver)
            }
            var best = 0
            for i in orders.indices {
                if let auc = aucs[i], auc > (aucs[best] ?? -1) + 1e-12 { best = i }
            }
            let chain = try MarkovChain(paths: paths, order: orders[best])
            var result = try MarkovModel.result(name: name, chain: chain, input: input, solver: solver)
            result.details.append(("auto_selected", .flag(true)))
            result.messages = selectionMessages(orders: orders, aucs: aucs, best: best, fitting: fitting)
            var table = DetailTable(fileName: "\(name)_order_selection.csv", header: ["order", "auc"])
            for (order, auc) in zip(orders, aucs) {
                table.rows.append([.integer(order), auc.map { .number($0) } ?? .text("")])
            }
            result.tables.append(table)
            return result
        } catch let error as MarkovError {
            throw ModelError(model: name, message: error.description)
        }
    }

    /// ROC AUC of held-out journeys scored by a chain fitted on the training part.
    static func heldOutAUC(order: Int, paths: PathTable, split: MarkovHoldoutSplit,
                           solver: MarkovSolverChoice) throws -> Double?
    {
        let chain = try MarkovChain(paths: paths, order: order,
                                    conversions: split.trainConversions, nulls: split.trainNulls)
        let absorbing = chain.absorbing()
        let kind = solver.solver(stateCount: absorbing.stateCount)
        let h = try absorbing.solve(kind, accuracy: .allStates, sweepOrder: kind == .sparse ? chain.sweepOrder() : nil).conversion
        var score: [Double] = [], positive: [Double] = [], negative: [Double] = []
        for p in 0..<paths.count where split.testConversions[p] + split.testNulls[p] > 0 {
            let s = chain.finalState(of: paths.path(p))
            score.append((h[s] / scoreResolution).rounded() * scoreResolution)
            positive.append(split.testConversions[p])
            negative.append(split.testNulls[p])
        }
        return markovWeightedAUC(score: score, positive: positive, negative: negative)
    }

    private func selectionMessages(orders: [Int], aucs: [Double?], best: Int, fitting: Int) -> [String] {
        var lines = ["order selection: held-out ROC AUC (\(Int(Self.trainFraction * 100))/\(100 - Int(Self.trainFraction * 100)) split of journeys, seed \(seed))"]
        for (i, order) in orders.enumerated() {
            let auc = aucs[i].map { String(format: "%.6f", $0) } ?? "n/a (held-out journeys lack conversions or nulls)"
            lines.append("  order \(order): auc \(auc)\(i == best ? "  <- selected" : "")")
        }
        if maxOrder > fitting {
            lines.append("  orders above \(fitting) were not tried: their states do not fit 64-bit keys")
        }
        return lines
    }
}
