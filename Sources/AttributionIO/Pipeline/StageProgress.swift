import Synchronization

/// How far the current stage has got, in units (bytes read, models done, …),
/// shared between the workers that advance it and the meter that shows it.
public final class StageProgress: Sendable {
    private let state = Mutex<(stage: String, unit: String, total: Int, started: Bool)>(("", "", 0, false))
    private let done = Atomic<Int>(0)

    public init() {}

    /// Starts a stage of `total` units (0 when unknown).
    public func begin(_ stage: String, total: Int, unit: String) {
        state.withLock { $0 = (stage, unit, total, true) }
        done.store(0, ordering: .relaxed)
    }

    public func advance(by n: Int) { done.add(n, ordering: .relaxed) }

    /// Stage name, unit, units done, total (0 = unknown); nil before any stage.
    public var snapshot: (stage: String, unit: String, done: Int, total: Int)? {
        let s = state.withLock { $0 }
        guard s.started else { return nil }
        return (s.stage, s.unit, done.load(ordering: .relaxed), s.total)
    }
}
