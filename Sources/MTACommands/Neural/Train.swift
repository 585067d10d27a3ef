import ArgumentParser
import AttributionCore
import AttributionIO
import Foundation

/// `mta train`: the neural model's second stage, the conversion network fitted to extracted windows.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train td-mta's conversion network (stacked bidirectional LSTMs → dense ReLU → sigmoid) on `mta extract` windows.",
        discussion: """
            Defaults follow td-mta's documented configuration (width 64, dropout 0.5, batch 1000, 100 steps per epoch, \
            5 epochs, validation fraction 0.5). Batches hold half positives, half negatives as td-mta's do \
            (--no-balance draws them by example count). After training the model is calibrated to the data's base rate. Per-epoch loss, \
            RMSE, ROC AUC and log loss are printed and written as metrics.csv beside the model.
            """
    )

    @Argument(help: "Examples file from `mta extract`.")
    var examples: String

    @Option(help: "Output model file.") var out = "model.mtam"
    @Option(help: "Per-epoch metrics CSV (default: metrics.csv beside the model).") var metrics: String?
    @Option(help: "LSTM units per direction (and dense width).") var width = 64
    @Option(help: "Stacked bidirectional LSTM layers.") var layers = 2
    @Option(help: "Input and recurrent dropout rate.") var dropout = 0.5
    @Option(help: "Epochs.") var epochs = 5
    @Option(help: "Minibatch steps per epoch, or 'full' for one pass over every distinct example per epoch.")
    var stepsPerEpoch = "100"
    @Option(help: "Examples per minibatch.") var batchSize = 1000
    @Option(help: "Adam learning rate.") var learningRate = 1e-3
    @Option(help: "Share of the examples held out for validation.") var validationFraction = 0.5
    @Option(help: "Random seed (initial weights, batches, dropout, the split).") var seed: UInt64 = 1
    @Flag(inversion: .prefixedNo, help: "Class-balanced batches (half positives), as td-mta; --no-balance draws batches by count.")
    var balance = true
    @Flag(help: "td-mta's augmentation: each batch also holds a copy with the anchor day emptied, labelled 0.")
    var augmentLastDay = false
    @Flag(help: "No progress bar or per-epoch lines.") var quiet = false

    var options: TrainingOptions {
        get throws {
            var o = TrainingOptions()
            o.width = width
            o.layers = layers
            o.dropout = dropout
            o.epochs = epochs
            o.stepsPerEpoch = try StepsPerEpoch.parse(stepsPerEpoch, flag: "--steps-per-epoch")
            o.batchSize = batchSize
            o.learningRate = learningRate
            o.validationFraction = validationFraction
            o.seed = seed
            o.balance = balance
            o.augmentLastDay = augmentLastDay
            return o
        }
    }

    func validate() throws {
        let o = try options
        if let problem = o.problem { throw ValidationError(problem) }
        if let problem = NetworkShape(days: 1, channels: 1, width: width, layers: layers, dropout: dropout).problem {
            throw ValidationError(problem)
        }
    }

    func run() throws {
        let options = try options
        let metricsPath = metrics ?? URL(fileURLWithPath: out).deletingLastPathComponent().appendingPathComponent("metrics.csv").path
        try reportingErrors {
            let file = try ExampleFile.read(path: examples)
            guard file.counts.totalPositives > 0, file.counts.totalNegatives > 0 else {
                throw InputError(
                    file: examples,
                    message: "needs both positive and negative examples (\(file.counts.totalPositives) and \(file.counts.totalNegatives))")
            }
            let meter = quiet ? nil : ProgressMeter(log: RunLog(format: .text, quiet: false))
            meter?.start()
            var rows = CSVWriter(header: [
                "epoch", "train_loss", "train_log_loss", "train_rmse", "train_auc",
                "val_log_loss", "val_rmse", "val_auc", "mean_prediction", "base_rate", "seconds",
            ])
            let started = Date()
            let model = NeuralTrainer.train(
                file.counts, options: options,
                onStep: { step, total in
                    if step == 1 { meter?.progress.begin("train", total: total, unit: "steps") }
                    meter?.progress.advance(by: 1)
                },
                onEpoch: { e in
                    let v = e.validation
                    rows.appendRow([
                        String(e.epoch), CSVWriter.number(e.trainLoss), CSVWriter.number(e.train.logLoss),
                        CSVWriter.number(e.train.rmse), CSVWriter.number(e.train.rocAUC),
                        v.map { CSVWriter.number($0.logLoss) } ?? "", v.map { CSVWriter.number($0.rmse) } ?? "",
                        v.map { CSVWriter.number($0.rocAUC) } ?? "", CSVWriter.number(e.train.meanPrediction),
                        CSVWriter.number(e.train.baseRate), CSVWriter.number(e.seconds),
                    ])
                    if !quiet {
                        let val = v.map { String(format: "  val log loss %.5f  RMSE %.4f  AUC %.4f", $0.logLoss, $0.rmse, $0.rocAUC) } ?? ""
                        printError(
                            String(
                                format: "epoch %d  loss %.4f  log loss %.5f  RMSE %.4f  AUC %.4f", e.epoch, e.trainLoss,
                                e.train.logLoss, e.train.rmse, e.train.rocAUC) + val + String(format: "  (%.1f s)", e.seconds))
                    }
                })
            meter?.stop()
            try ModelFile(model: model, examples: file, path: examples).write(to: out)
            try writeFileAtomically(Data(rows.text.utf8), to: metricsPath)
            print(
                "trained a \(options.layers)-layer bidirectional LSTM (width \(options.width), \(model.network.parameters.count) parameters) on "
                    + "\(file.counts.count) distinct windows in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; "
                    + "calibration shift \(String(format: "%.4f", model.calibrationShift)); wrote \(out) and \(metricsPath)")
        }
    }
}
