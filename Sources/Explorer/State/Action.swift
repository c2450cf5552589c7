import Evaluator
import TUICore

// MARK: - Action

/// Everything that can happen to the explorer: a key, a resize, or a result of background work.
public enum Action: Sendable {
    case key(Key)
    case command(Command)
    case resize(width: Int, height: Int)
    case loaded(ExplorerData)
    case loadFailed(String)
    case scoreProgress(done: Int, total: Int)
    case scored(ScoreResult)
    case triaged(TriageModel)
    /// An edit was written to the journal (fsync'ed): apply it.
    case journaled(JournalEntry)
    /// An effect finished with a message for the status bar (export written, reload failed...).
    case finished(String)
    case searchFinished(query: String, matches: [Int])
    /// The paths completing `word` (a path being typed), listed by ``Effect/completePath(_:)``.
    case pathCompletions(word: String, candidates: [String])
    /// The editor Alt-E started came back: `result` is the edited text as one line (nil: the
    /// editor failed, the line stays), `message` what the status line says.
    case externallyEdited(ExternalEdit, result: String?, message: String?)
    /// The selected case's detail and pane lines, built off the input loop (``Effect/buildDetail(request:)``).
    case detailBuilt(DetailBuild)
    // `A` (issue 14): a case asked again.
    /// An answer asked again came back (``Effect/reask(request:caseID:run:)``), scored.
    case reaskAnswered(Reask.Answer)
    /// Asking again failed: request `request`, why (one line).
    case reaskFailed(request: Int, ReaskFailure)
    /// A request is still in flight: the spinner's next step.
    case reaskTick
    /// `W` wrote the answers asked again as a new run (``Effect/saveReask(run:)``).
    case reaskSaved(ReaskRun.Saved)
}
