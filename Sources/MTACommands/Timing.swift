import Dispatch
import Foundation

/// Wall time per phase, printed to standard error with `--timings`.
struct PhaseClock {
    let enabled: Bool
    private var last = DispatchTime.now().uptimeNanoseconds

    init(enabled: Bool) { self.enabled = enabled }

    mutating func lap(_ phase: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        if enabled {
            let label = phase.padding(toLength: max(phase.count, 36), withPad: " ", startingAt: 0)
            printError("timing: " + label + String(format: "%8.3f s", Double(now - last) / 1e9))
        }
        last = now
    }
}
