/// `mta train`'s settings. Defaults follow td-mta's documented configuration
/// (width 64, dropout 0.5, batch 1000, 100 steps per epoch, 5 epochs, validation
/// fraction 0.5), not its shipped code (width 128, batch 100, 3 epochs, 0.1).
public struct TrainingOptions: Sendable, Equatable, Codable {
    public var width = 64
    public var layers = 2
    public var dropout = 0.5
    public var epochs = 5
    /// Minibatch steps per epoch; nil: one pass over every distinct (window, label)
    /// pair per epoch, each weighted by its count.
    public var stepsPerEpoch: Int? = 100
    public var batchSize = 1000
    public var learningRate = 1e-3
    public var validationFraction = 0.5
    public var seed: UInt64 = 1
    /// Half of each batch positives, half negatives (td-mta); the odds are corrected
    /// back to the data's after training.
    public var balance = true
    /// td-mta's augmentation: each batch also holds a copy of itself with the anchor
    /// day emptied, labelled 0.
    public var augmentLastDay = false

    public init() {}

    public var problem: String? {
        if epochs < 1 { return "epochs must be at least 1" }
        if let s = stepsPerEpoch, s < 1 { return "steps per epoch must be at least 1" }
        if batchSize < 1 { return "batch size must be at least 1" }
        if !(learningRate > 0) { return "learning rate must be positive" }
        if !(validationFraction >= 0 && validationFraction < 1) { return "validation fraction must be in [0, 1)" }
        return nil
    }
}
