import AttributionIO
import Foundation
import Synchronization

/// Shows a stage's progress while `mta run` works: on a terminal a bar redrawn
/// in place with rate and ETA; otherwise a plain log line every few seconds.
final class ProgressMeter: Sendable {
    let progress = StageProgress()
    private let log: RunLog
    private let terminal: Bool
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    init(log: RunLog) {
        self.log = log
        terminal = isatty(2) == 1
    }

    func start() {
        let thread = Thread { [self] in loop() }
        thread.start()
    }

    func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        finished.wait()
    }

    private func loop() {
        var stage = ""
        var stageStart = Date()
        var lastLine = Date()
        let tick = terminal ? 0.2 : 1.0
        while !stopped.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: tick)
            guard let s = progress.snapshot else { continue }
            if s.stage != stage {
                stage = s.stage
                stageStart = Date()
                lastLine = Date()
            }
            let elapsed = Date().timeIntervalSince(stageStart)
            if terminal {
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + Self.line(s, elapsed: elapsed, bar: true)).utf8))
            } else if Date().timeIntervalSince(lastLine) >= 5 {
                lastLine = Date()
                log.info("progress " + Self.line(s, elapsed: elapsed, bar: false))
            }
        }
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        finished.signal()
    }

    /// `read events [#######.............] 35%  120.4 MB/s  ETA 3 s`, or the elapsed time when the total is unknown.
    static func line(_ s: (stage: String, unit: String, done: Int, total: Int), elapsed: Double, bar: Bool) -> String {
        guard s.total > 0 else { return "\(s.stage) … \(String(format: "%.1f", elapsed)) s" }
        let fraction = min(1, Double(s.done) / Double(s.total))
        let rate = elapsed > 0 ? Double(s.done) / elapsed : 0
        let eta = rate > 0 ? Double(s.total - s.done) / rate : 0
        let width = 24
        let filled = Int((fraction * Double(width)).rounded(.down))
        let meter = bar ? "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] " : ""
        return
            "\(s.stage) \(meter)\(String(format: "%3.0f%%", fraction * 100))  \(amount(rate, s.unit))/s  ETA \(String(format: "%.0f", eta)) s"
    }

    static func amount(_ v: Double, _ unit: String) -> String {
        guard unit == "B" else { return String(format: "%.1f %@", v, unit) }
        if v >= 1e9 { return String(format: "%.2f GB", v / 1e9) }
        if v >= 1e6 { return String(format: "%.1f MB", v / 1e6) }
        return String(format: "%.0f kB", v / 1e3)
    }
}
