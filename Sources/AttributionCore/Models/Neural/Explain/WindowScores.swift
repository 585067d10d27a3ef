/// The calibrated model's probability of every distinct window a Shapley game asks
/// about: windows are added as the games are planned (identical ones once) and
/// scored together in large batches over both cores.
struct WindowScores {
    private(set) var table: WindowCounts
    /// f of windows `0..<scored`; the rest wait for `scoreNew`.
    private(set) var f: [Double] = []

    init(days: Int, channels: Int) { table = WindowCounts(days: days, channels: channels) }

    mutating func index(_ window: UnsafeBufferPointer<UInt64>) -> Int32 { Int32(table.insert(window)) }

    mutating func index(_ window: [UInt64]) -> Int32 { window.withUnsafeBufferPointer { index($0) } }

    /// Scores the windows added since the last call.
    mutating func scoreNew(_ model: TrainedModel) {
        let chunk = 262_144
        f.reserveCapacity(table.count)
        for start in stride(from: f.count, to: table.count, by: chunk) {
            f += model.probabilities(table.windows.gathering(start..<min(table.count, start + chunk)))
        }
    }

    subscript(_ i: Int32) -> Double { f[Int(i)] }
}
