/// Runs several models on one input. One model failing does not stop the others.
/// Models that predict conversion also get their held-out fit (`ConversionPredicting`).
public enum AttributionRun {
    public enum Outcome: Sendable {
        case success(ModelResult)
        case failure(model: String, message: String)
    }

    /// `onModelDone` is called as each model finishes (from any thread), for progress.
    public static func run(
        _ models: [any AttributionModel], on input: AttributionInput,
        onModelDone: @Sendable () -> Void = {}
    ) -> [Outcome] {
        guard !models.isEmpty else { return [] }
        return parallelMap(chunks: models.count) { i -> [Outcome] in
            defer { onModelDone() }
            let model = models[i]
            do {
                var results = try model.attributeAll(input)
                if let predicting = model as? any ConversionPredicting, results.count == 1 {
                    results[0] = predicting.addingHeldOutFit(to: results[0], paths: input.paths)
                }
                return results.map { .success($0) }
            } catch let error as ModelError {
                return [.failure(model: model.name, message: error.message)]
            } catch {
                return [.failure(model: model.name, message: "\(error)")]
            }
        }.flatMap { $0 }
    }
}
