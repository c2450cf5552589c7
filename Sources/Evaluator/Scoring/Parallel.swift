import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - Parallel

/// The one parallel map: loading (a file per job) and scoring (a case per index) both go through it.
enum Parallel {
    /// `body(k)` for every `k` in `0..<count`, on several cores, in order.
    ///
    /// Chunks of `chunk` indices are handed out to the workers in turn, lowest first (so jobs
    /// sorted largest first start largest first). Each result is initialized once, in place, in
    /// the returned array's own storage: there is no side buffer to copy out of and free by hand.
    static func map<T>(
        count: Int, chunk: Int = 256, parallelism: Scorer.Parallelism = .allCores,
        progress: (@Sendable (Int) -> Void)? = nil, _ body: @Sendable (Int) -> T
    ) -> [T] {
        if count == 0 { return [] }
        let chunks = (count + chunk - 1) / chunk
        let next = Counter()
        let done = Counter()
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = parallelism == .background ? max(1, cores - 1) : chunks
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Workers write disjoint slots, and nothing reads them before concurrentPerform returns.
            nonisolated(unsafe) let slots = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: min(workers, chunks)) { _ in
                let niced = parallelism == .background ? lowerPriority() : nil
                defer { if let niced { restorePriority(niced) } }
                while true {
                    let c = next.add(1) - 1
                    if c >= chunks { return }
                    let lo = c * chunk
                    let hi = min(count, lo + chunk)
                    for k in lo..<hi { (slots + k).initialize(to: body(k)) }
                    let total = done.add(hi - lo)
                    progress?(total)
                }
            }
            // body cannot throw: every chunk ran, so every slot is initialized, and the array owns them.
            initialized = count
        }
    }

    #if canImport(Glibc)
        /// Lowers the calling thread's priority to nice 10; returns what to restore.
        static func lowerPriority() -> Int32? {
            let tid = id_t(0)  // Linux: 0 is the calling thread, not the whole process
            errno = 0
            let old = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid)
            if errno != 0 { return nil }
            return setpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid, max(old, 10)) == 0 ? old : nil
        }

        static func restorePriority(_ old: Int32) {
            // Lowering nice needs privileges; where it fails the pool thread simply stays nicer.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, old)
        }
    #else
        static func lowerPriority() -> Int32? { nil }
        static func restorePriority(_ old: Int32) {}
    #endif
}

/// A thread-safe running count.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func add(_ n: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += n
        return value
    }
}
