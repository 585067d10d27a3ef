import Foundation

/// A trained network and the shift that calibrates its log-odds to the data's
/// base rate. Training on other class odds than the data's (balanced batches, the
/// augmentation) multiplies the odds by a known factor (Dal Pozzolo et al. 2015);
/// the shift divides it out, then is refined so that the mean calibrated
/// probability over the training examples equals their base rate.
public struct TrainedModel: Sendable {
    public var network: ConversionNetwork
    /// Added to every logit; about 0 when trained unweighted.
    public var calibrationShift: Double
    public var options: TrainingOptions

    public init(network: ConversionNetwork, calibrationShift: Double, options: TrainingOptions) {
        self.network = network
        self.calibrationShift = calibrationShift
        self.options = options
    }

    /// Calibrated conversion probabilities.
    public func probabilities(_ windows: WindowBatch) -> [Double] {
        network.logits(windows).map { 1 / (1 + exp(-(Double($0) + calibrationShift))) }
    }
}

/// One epoch's figures (`metrics.csv`).
public struct EpochMetrics: Sendable {
    public var epoch: Int
    /// Mean training objective over the epoch's steps (the loss as trained: balanced,
    /// augmented, with dropout).
    public var trainLoss: Double
    /// Calibrated, on the data's own class mix.
    public var train: ClassificationMetrics
    public var validation: ClassificationMetrics?
    public var seconds: Double
}
