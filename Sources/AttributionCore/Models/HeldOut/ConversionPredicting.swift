/// A model whose fit predicts whether a journey converts, so the fit can be
/// scored on journeys it did not see (`HeldOutFit`). `AttributionRun` adds the
/// score to the model's result; bootstrap replicates, which only need credit, skip it.
protocol ConversionPredicting: AttributionModel {
    /// Seeds the held-out split (the run's `--seed`).
    var seed: UInt64 { get }
    /// P(conversion) of a journey with row p's path, for every row of `paths`, by
    /// the model fitted on `conversions` and `nulls` per row instead of the table's.
    func conversionProbabilities(paths: PathTable, conversions: [Double], nulls: [Double]) throws -> [Double]
}

extension ConversionPredicting {
    /// Fitted on a seeded 80 % of the journeys, scored on the rest.
    func heldOutFit(_ paths: PathTable) throws -> HeldOutFit {
        let split = HoldoutSplit(paths: paths, seed: seed)
        let p = try conversionProbabilities(paths: paths, conversions: split.trainConversions, nulls: split.trainNulls)
        return HeldOutFit(probability: p, split: split, seed: seed)
    }

    /// The result with the held-out details and a line saying them; a fit that
    /// cannot be scored says why instead of failing the model.
    func addingHeldOutFit(to result: ModelResult, paths: PathTable) -> ModelResult {
        var result = result
        do {
            let fit = try heldOutFit(paths)
            result.details.append(contentsOf: fit.details)
            result.messages.append(fit.message)
        } catch {
            result.messages.append("held-out fit: not computed (\(error))")
        }
        return result
    }
}
