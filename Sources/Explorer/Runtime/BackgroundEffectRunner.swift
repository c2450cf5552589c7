import Dispatch
import Evaluator

// MARK: - BackgroundEffectRunner

/// Runs effects off the input loop (the explorer): loading, scoring, searching, exporting and the
/// summary views on global queues, the selected case's panes on a ``DetailBuilder``; their
/// results are posted to an ``Inbox`` that the input loop drains. Only a journal append runs at
/// once, on the caller's thread, so an edit is on disk before it is applied.
public final class BackgroundEffectRunner: EffectRunner, @unchecked Sendable {
    let context: EffectWork.Context
    /// Where results wait for the input loop.
    let inbox = Inbox()
    /// Builds the selected case's panes, one at a time, the latest request first.
    let detailBuilder: DetailBuilder

    /// Edits go to `journal` as `author`; `loader` reads the files (on a background thread) for
    /// ``Effect/load`` and ``Effect/reload``; searches are timed into `timings`.
    public init(
        journal: Journal? = nil, author: String = Journal.defaultAuthor, timings: FrameTimings? = nil,
        loader: @escaping @Sendable () throws -> ExplorerData
    ) {
        context = EffectWork.Context(loader: loader, journal: journal, author: author, timings: timings)
        let inbox = self.inbox
        detailBuilder = DetailBuilder { inbox.post(.detailBuilt($0)) }
    }

    public func perform(_ effect: Effect, for state: AppState) -> [Action] {
        if case .dropReask(let requests) = effect {
            inbox.cancelReasks(requests)
            return []
        }
        guard let work = EffectWork(effect, for: state, in: context) else { return [] }
        let inbox = self.inbox
        switch work.lane {
        case .now:
            return work.run(nil, { false }).map { [$0] } ?? []
        case .background(let qos):
            DispatchQueue.global(qos: qos).async {
                if let result = work.run({ inbox.post($0) }, { false }) { inbox.post(result) }
            }
        case .search:
            let token = CancelToken()
            inbox.cancelSearches(except: token)
            DispatchQueue.global(qos: .userInitiated).async {
                if let result = work.run(nil, { token.cancelled }) { inbox.post(result) }
            }
        case .reask(let request):
            let token = inbox.reaskStarted(request)
            DispatchQueue.global(qos: .userInitiated).async {
                let result = work.run({ inbox.post($0) }, { token.cancelled })
                inbox.reaskEnded(request)
                if let result { inbox.post(result) }
            }
        case .detail(let request):
            // The builder runs ``EffectWork/buildDetail`` too, keeping the costly part for the next
            // request of the same case; a snapshot of the state (copy on write: cheap) is what
            // the panes are laid out for.
            detailBuilder.request(state, request)
        }
        return []
    }

    public func wait(until deadline: DispatchTime) -> Bool { inbox.wait(until: deadline) }

    public func drain() -> [Action] { inbox.drain() }
}
