import Dispatch
import Foundation

// MARK: - DetailBuilder

/// Builds the selected case's panes on one serial queue, where the latest request wins.
///
/// Holding `j` over costly cases or dragging a resize asks for many builds: only one runs at a
/// time, a request that is no longer the latest is skipped before it starts and stops between
/// phases, and only the latest snapshot waits (so at most two are held). A case's detail (the
/// costly part: parsing, scoring, the call diff) is kept for the next request of the same case and
/// scores: a resize while it builds lays it out again instead of scoring it from scratch.
final class DetailBuilder: @unchecked Sendable {
    private let queue = DispatchQueue(label: "ptscope.detail-builder", qos: .userInteractive)
    private let lock = NSLock()
    private let post: @Sendable (DetailBuild) -> Void
    /// The request waiting for the queue (only the latest is kept).
    private var waiting: (state: AppState, request: Int)?
    private var latest = 0
    /// The last detail built, with the scores (``Session/version``) it was built for.
    private var cached: (detail: CaseDetail, scoreVersion: Int)?
    private var detailsBuilt = 0

    /// `post` receives each finished build (on the builder's queue).
    init(post: @escaping @Sendable (DetailBuild) -> Void) {
        self.post = post
    }

    /// Asks for the panes of `state`'s ``Panes/pending``, as request number `request`.
    func request(_ state: AppState, _ request: Int) {
        lock.lock()
        let idle = waiting == nil
        waiting = (state, request)
        latest = request
        lock.unlock()
        if idle { queue.async { self.buildWaiting() } }
    }

    /// How many case details were built (scored) so far, not counting reused ones (tests).
    var scoredCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return detailsBuilt
    }

    /// Runs `work` on the builder's queue, after the builds asked for so far.
    func async(_ work: @escaping @Sendable () -> Void) { queue.async(execute: work) }

    private func isLatest(_ request: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return request == latest
    }

    private func buildWaiting() {
        lock.lock()
        let job = waiting
        waiting = nil
        let reuse = job.flatMap { job in
            cached.flatMap { $0.scoreVersion == job.state.session?.version ? $0.detail : nil }
        }
        lock.unlock()
        guard let job, isLatest(job.request) else { return }
        AlternateSignalStack.ensure()
        if let delay = TestDelay.detail { Thread.sleep(forTimeInterval: delay) }
        let version = job.state.session?.version ?? 0
        let built = EffectWork.buildDetail(
            job.state, request: job.request, reusing: reuse,
            scored: { detail in
                self.lock.lock()
                self.detailsBuilt += 1
                self.cached = (detail, version)
                self.lock.unlock()
            },
            stillWanted: { self.isLatest(job.request) })
        if let built { post(built) }
    }
}
