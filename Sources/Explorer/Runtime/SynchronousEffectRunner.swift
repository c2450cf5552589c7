import Dispatch
import Evaluator

// MARK: - SynchronousEffectRunner

/// Runs every effect at once, on the caller's thread, and returns its result (tests and scripts).
///
/// The same work as ``BackgroundEffectRunner`` (``EffectWork``), without threads: scoring reports
/// no progress and a search is never cancelled.
public struct SynchronousEffectRunner: EffectRunner {
    let journal: Journal?
    let author: String
    let loader: (@Sendable () throws -> ExplorerData)?

    /// Edits go to `journal` as `author`; `loader` reads the files for ``Effect/load`` and
    /// ``Effect/reload``. Without a loader, a reload gives back the data already loaded and a load
    /// does nothing.
    public init(
        journal: Journal? = nil, author: String = Journal.defaultAuthor,
        loader: (@Sendable () throws -> ExplorerData)? = nil
    ) {
        self.journal = journal
        self.author = author
        self.loader = loader
    }

    public func perform(_ effect: Effect, for state: AppState) -> [Action] {
        let loader = self.loader ?? state.data.map { data in { @Sendable in data } }
        let context = EffectWork.Context(loader: loader, journal: journal, author: author, timings: nil)
        guard let work = EffectWork(effect, for: state, in: context) else { return [] }
        return work.run(nil, { false }).map { [$0] } ?? []
    }

    /// False at once: nothing is ever left running.
    public func wait(until deadline: DispatchTime) -> Bool { false }

    /// Empty: every result was returned by ``perform(_:for:)``.
    public func drain() -> [Action] { [] }
}
