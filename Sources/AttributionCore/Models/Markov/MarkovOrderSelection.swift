import Foundation

/// Markov attribution at an order chosen from the data (ChannelAttribution's
/// `choose_order`, with a held-out split instead of a penalized in-sample AUC):
/// orders 1...maxOrder are fitted on 80 % of the journeys, each held-out path
/// is scored by its P(conversion | path) (`MarkovPathPrediction`), the order with
/// the best weighted ROC AUC wins (the lower order on a tie), and that order is
/// fitted on all paths. The winner's held-out fit is the result's, as for a fixed order.
public struct MarkovAutoOrderModel: AttributionModel {
    public let name = "markov"
    public let maxOrder: Int
    public let seed: UInt64
    public let solver: MarkovSolverChoice

    public init(maxOrder: Int, seed: UInt64, solver: MarkovSolverChoice = .automatic) {
        self.maxOrder = maxOrder
        self.seed = seed
        self.solver = solver
    }

    public var bootstrappable: Bool { true }

    public func attribute(_ input: AttributionInput) throws -> ModelResult {
        guard maxOrder >= 1 else { throw ModelError(model: name, message: "the largest order must be at least 1, got \(maxOrder)") }
        let paths = input.paths
        let fitting = MarkovStateKey.maximumOrder(channelCount: paths.channels.count)
        let orders = Array(1...min(maxOrder, fitting))
        let split = HoldoutSplit(paths: paths, seed: seed)
        do {
            let seed = self.seed
            let fits = try parallelMapThrowing(chunks: orders.count) { i in
                try Self.heldOutFit(order: orders[i], paths: paths, split: split, seed: seed)
            }
            let aucs = fits.map(\.rocAUC)
            var best = 0
            for i in orders.indices {
                if let auc = aucs[i], auc > (aucs[best] ?? -1) + 1e-12 { best = i }
            }
            let chain = try MarkovChain(paths: paths, order: orders[best])
            var result = try MarkovModel.result(name: name, chain: chain, input: input, solver: solver)
            result.details.append(("auto_selected", .flag(true)))
            result.details.append(contentsOf: fits[best].details)
            result.messages = selectionMessages(orders: orders, fits: fits, best: best, fitting: fitting)
            var table = DetailTable(
                kind: MarkovModel.orderSelectionTable, fileName: "\(name)_order_selection.csv", header: ["order", "auc", "log_loss"])
            for (order, fit) in zip(orders, fits) {
                table.rows.append([
                    .integer(order), fit.rocAUC.map { .number($0) } ?? .text(""),
                    fit.logLoss.map { .number($0) } ?? .text(""),
                ])
            }
            result.tables.append(table)
            return result
        } catch let error as MarkovError {
            throw ModelError(model: name, message: error.description)
        }
    }

    /// Held-out fit of order `order` fitted on the training part of `split`.
    static func heldOutFit(order: Int, paths: PathTable, split: HoldoutSplit, seed: UInt64) throws -> HeldOutFit {
        let p = try MarkovModel(order: order).conversionProbabilities(
            paths: paths, conversions: split.trainConversions,
            nulls: split.trainNulls)
        return HeldOutFit(probability: p, split: split, seed: seed)
    }

    private func selectionMessages(orders: [Int], fits: [HeldOutFit], best: Int, fitting: Int) -> [String] {
        let train = Int((HoldoutSplit.defaultTrainFraction * 100).rounded())
        var lines = ["order selection: held-out fit (\(train)/\(100 - train) split of journeys, seed \(seed)), best ROC AUC selected"]
        for (i, order) in orders.enumerated() {
            let fit = fits[i].rocAUC == nil ? "n/a (held-out journeys lack conversions or nulls)" : fits[i].summary
            lines.append("  order \(order): \(fit)\(i == best ? "  <- selected" : "")")
        }
        if maxOrder > fitting {
            lines.append("  orders above \(fitting) were not tried: their states do not fit 64-bit keys")
        }
        return lines
    }
}
