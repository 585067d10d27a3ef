/// Where the in-memory neural model reports how far it is (the command shows it as
/// a progress bar): it trains and explains for minutes on large data.
public protocol NeuralProgress: Sendable {
    /// A stage begins: "extract", "train", "explain" or "removal replay".
    func stageStarted(_ stage: String)
    /// Training finished step `step` of `total`.
    func trainingStep(_ step: Int, of total: Int)
}
