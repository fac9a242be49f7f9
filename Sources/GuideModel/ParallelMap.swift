import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` over up to `jobs` threads, results in the original order.
    ///
    /// Used for the per-page work (parsing, rendering) that dominates a build. With `jobs` 1 it
    /// is a plain `map`, so output never depends on the job count.
    public func parallelMap<T: Sendable>(jobs: Int, _ transform: @Sendable (Element) -> T) -> [T] {
        guard jobs > 1, count > 1 else { return map(transform) }
        let results = ResultSlots<T>(count: count)
        let chunks = Swift.min(jobs, count)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var index = chunk
            while index < count {
                results.set(index, transform(self[index]))
                index += chunks
            }
        }
        return results.values()
    }
}

/// Write-once result slots shared by the worker threads of `parallelMap`.
///
/// `@unchecked Sendable` is sound here: each index is written by exactly one worker, under the
/// lock, and read only after `concurrentPerform` has returned.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [T] {
        slots.map { $0! }
    }
}

/// The number of worker threads a build uses by default: one per core.
public var defaultJobCount: Int { Swift.max(1, ProcessInfo.processInfo.activeProcessorCount) }
