import AttributionCore
import AttributionIO

/// The neural model's stages and training steps on the command's progress meter.
struct NeuralStageProgress: NeuralProgress {
    let progress: StageProgress

    func stageStarted(_ stage: String) {
        if stage != "train" { progress.begin("neural: \(stage)", total: 0, unit: "") }
    }

    func trainingStep(_ step: Int, of total: Int) {
        if step == 1 { progress.begin("neural: train", total: total, unit: "steps") }
        progress.advance(by: 1)
    }
}
