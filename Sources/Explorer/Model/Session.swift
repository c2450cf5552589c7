import Evaluator
import TUICore

// MARK: - Session

/// The loaded data and what belongs to it: scores, annotations, the journal's entries, options.
public struct Session: Sendable {
    public var data: ExplorerData
    /// Every run scored, nil until the first scoring finishes.
    public var scores: Scores?
    /// Scoring progress (cases done, total) while it runs.
    public var scoring: (done: Int, total: Int)?
    /// The summary views' model, computed after scoring.
    public var triage: TriageModel?
    /// Gold corrections and case statuses (the journal replayed).
    public var annotations: Annotations
    /// Every journal entry so far (oldest first).
    public var journalEntries: [JournalEntry]
    /// How cases are scored and what happens after a verdict.
    public var options = SessionOptions()
    /// The number of the latest scoring request; a result of an earlier one is dropped.
    public var scoreRequest = 0
    /// Bumped whenever verdicts or gold change (cached lines keyed by it are laid out again).
    public var version = 0

    /// A session on freshly loaded `data` (its journal replayed). After a reload, `previous`
    /// passes on its options and counters (so no result or cached line of the old data is
    /// mistaken for one of the new).
    public init(data: ExplorerData, options: SessionOptions = SessionOptions(), after previous: Session? = nil) {
        self.data = data
        self.options = options
        annotations = data.initialAnnotations
        journalEntries = data.journalEntries
        if let previous {
            self.options = previous.options
            scoreRequest = previous.scoreRequest
            version = previous.version + 1
        }
    }

    /// The annotation status of case `id` (nil: never annotated).
    public func annotation(_ id: Int) -> CorrectedCase? {
        let e = data.cases[id]
        return annotations.corrected(data.benchmarkCase(e), in: data.split(of: e))
    }

    /// The annotations scoring uses: nil when scoring against the original gold.
    public var scoringAnnotations: Annotations? { options.useCorrectedGold ? annotations : nil }
}
