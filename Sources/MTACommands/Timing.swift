import Foundation

/// One `--timings` line on standard error.
func printTiming(_ stage: String, _ seconds: Double) {
    let label = stage.padding(toLength: max(stage.count, 36), withPad: " ", startingAt: 0)
    printError("timing: " + label + String(format: "%8.3f s", seconds))
}
