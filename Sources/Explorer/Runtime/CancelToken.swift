import Foundation

// MARK: - CancelToken

/// Tells a running search that its result is no longer wanted (a newer search started).
final class CancelToken: @unchecked Sendable {
    private var flag = false
    private let lock = NSLock()
    var cancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return flag
    }
    func cancel() {
        lock.lock()
        flag = true
        lock.unlock()
    }
}
