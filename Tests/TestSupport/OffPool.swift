import Foundation

// MARK: - OffPool

/// Runs blocking work (an input loop waiting for keys, a wait on a condition) on a thread of its
/// own, so it never holds one of the few threads of Swift's cooperative pool: with two cores the
/// pool has two, and a test blocking them starves every other test's `await` meanwhile (the tmux
/// end-to-end tests then time out with nothing polled).
public enum OffPool {
    /// The result of `work`, run on a new thread.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
