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
        // Workers take the next index as they finish one, so a few large items (a long page,
        // the one-page edition) do not leave a thread idle.
        DispatchQueue.concurrentPerform(iterations: Swift.min(jobs, count)) { _ in
            while let index = results.claim() {
                results.set(index, transform(self[index]))
            }
        }
        return results.values()
    }
}

/// A value computed on another thread from the moment it is made; `value` waits for it. For
/// single-threaded steps that do not depend on what the caller does meanwhile (the caller's own
/// `parallelMap`s stay on the caller's threads).
public final class Background<T: Sendable>: @unchecked Sendable {
    // `@unchecked`: `result` is written once before `done` is signalled and read after waiting.
    private var result: T?
    private let done = DispatchSemaphore(value: 0)

    public init(_ work: @escaping @Sendable () -> T) {
        Thread.detachNewThread { [self] in
            result = work()
            done.signal()
        }
    }

    public var value: T {
        done.wait()
        done.signal()
        return result!
    }
}

/// Write-once result slots shared by the worker threads of `parallelMap`.
///
/// `@unchecked Sendable` is sound here: each index is claimed and written by exactly one worker,
/// under the lock, and read only after `concurrentPerform` has returned.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private var next = 0
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    /// The next index no worker has taken, or `nil` when all are taken.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
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

/// The number of worker threads a build uses by default: one per core. (Asked once: Foundation
/// reads the cgroup files on every call.)
public let defaultJobCount = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
