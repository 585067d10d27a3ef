/// Runs several models on one input. One model failing does not stop the others.
public enum AttributionRun {
    public enum Outcome: Sendable {
        case success(ModelResult)
        case failure(model: String, message: String)
    }

    /// `onModelDone` is called as each model finishes (from any thread), for progress.
    public static func run(_ models: [any AttributionModel], on input: AttributionInput,
                           onModelDone: @Sendable () -> Void = {}) -> [Outcome] {
        guard !models.isEmpty else { return [] }
        return parallelMap(chunks: models.count) { i -> [Outcome] in
            defer { onModelDone() }
            let model = models[i]
            do {
                return try model.attributeAll(input).map { .success($0) }
            } catch let error as ModelError {
                return [.failure(model: model.name, message: error.message)]
            } catch {
                return [.failure(model: model.name, message: "\(error)")]
            }
        }.flatMap { $0 }
    }
}
