import Dispatch
import Foundation

/// Runs `body` for each chunk index in parallel and returns the results in chunk order.
/// Used where work is large enough to be worth both cores.
public func parallelMap<T: Sendable>(chunks: Int, _ body: @Sendable (Int) -> T) -> [T] {
    precondition(chunks >= 1)
    if chunks == 1 { return [body(0)] }
    let slots = ResultSlots<T>(count: chunks)
    DispatchQueue.concurrentPerform(iterations: chunks) { i in
        slots.set(i, body(i))
    }
    return slots.values()
}

/// Like `parallelMap`, but a chunk may throw; the first error (in chunk order) is rethrown.
public func parallelMapThrowing<T: Sendable>(chunks: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    let results: [Result<T, any Error>] = parallelMap(chunks: chunks) { i in
        Result { try body(i) }
    }
    return try results.map { try $0.get() }
}

/// How work is shared out: one chunk per core, each at least a minimum size. Tests set
/// both (for the task that runs them) to prove that results do not depend on them.
public enum Parallelism {
    /// Cores to split work over; nil: the machine's.
    @TaskLocal public static var cores: Int? = nil
    /// Overrides every caller's minimum work per chunk, so small inputs are split too.
    @TaskLocal public static var minimumPerChunk: Int? = nil

    public static var available: Int { max(1, cores ?? ProcessInfo.processInfo.activeProcessorCount) }
}

/// The number of chunks to split `work` items into: one per core when the work is large.
public func chunkCount(forWork work: Int, minimumPerChunk: Int = 50_000) -> Int {
    max(1, min(Parallelism.available, work / max(1, Parallelism.minimumPerChunk ?? minimumPerChunk)))
}

/// Splits 0..<n into `chunks` contiguous ranges of near-equal size.
public func chunkRanges(_ n: Int, chunks: Int) -> [Range<Int>] {
    (0..<chunks).map { i in (n * i / chunks)..<(n * (i + 1) / chunks) }
}

/// Each slot is written by exactly one iteration, so no two threads touch the same memory.
private final class ResultSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T?>
    private let count: Int
    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }
    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }
    func set(_ i: Int, _ v: T) { storage[i] = v }
    func values() -> [T] { (0..<count).map { storage[$0]! } }
}
