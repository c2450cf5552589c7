import Dispatch
import Foundation

// MARK: - Inbox

/// Actions posted from background work, drained by the input loop.
final class Inbox: @unchecked Sendable {
    private var actions: [Action] = []
    private var searches: [CancelToken] = []
    /// The requests asking a case again, by number, until they end.
    private var reasks: [Int: CancelToken] = [:]
    private let lock = NSCondition()

    func post(_ action: Action) {
        lock.lock()
        defer { lock.unlock() }
        lock.broadcast()
        // Keep only the latest progress report.
        if case .scoreProgress = action, case .scoreProgress? = actions.last { actions.removeLast() }
        if case .reaskTick = action, actions.contains(where: { if case .reaskTick = $0 { true } else { false } }) { return }
        actions.append(action)
    }

    /// Waits until an action is posted (true) or `deadline` passes with none (false).
    func wait(until deadline: DispatchTime) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        while actions.isEmpty {
            let now = DispatchTime.now()
            guard now < deadline else { return false }
            let seconds = Double(deadline.uptimeNanoseconds - now.uptimeNanoseconds) / 1e9
            _ = lock.wait(until: Date(timeIntervalSinceNow: seconds))
        }
        return true
    }

    func drain() -> [Action] {
        lock.lock()
        defer { lock.unlock() }
        let out = actions
        actions = []
        return out
    }

    /// A token for request `request` asking a case again, cancelled by ``cancelReasks(_:)``.
    func reaskStarted(_ request: Int) -> CancelToken {
        lock.lock()
        defer { lock.unlock() }
        let token = CancelToken()
        reasks[request] = token
        return token
    }

    func reaskEnded(_ request: Int) {
        lock.lock()
        defer { lock.unlock() }
        reasks[request] = nil
    }

    /// Stops the requests `requests` (those still asking).
    func cancelReasks(_ requests: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        for r in requests { reasks.removeValue(forKey: r)?.cancel() }
    }

    func cancelSearches(except token: CancelToken) {
        lock.lock()
        defer { lock.unlock() }
        for t in searches { t.cancel() }
        searches = [token]
    }
}
