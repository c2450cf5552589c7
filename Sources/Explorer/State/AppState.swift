import Evaluator
import TUICore

// MARK: - AppState

/// Everything the explorer shows, as one value. `reduce` changes it; views only read it.
public struct AppState: Sendable {
    /// A pane of the main screen.
    public enum Pane: Int, Sendable, CaseIterable {
        case list, detail, context
    }

    /// What the context pane shows.
    public enum ContextMode: Sendable, Equatable {
        case catalog, profile
    }

    /// A full-screen layer over the panes.
    public enum Overlay: Sendable, Equatable {
        case help
        case raw
        case filter(FilterMenu)
        case options(cursor: Int)
        case triage(TriageKind)
        case edits
    }

    /// The search: what is being typed, the committed query and its matches.
    public struct SearchState: Sendable, Equatable {
        /// Text being typed after `/` (nil: not typing).
        public var input: String?
        /// The committed query (highlighted, used by `n`/`N`).
        public var query = ""
        /// Ids of the matching cases (sorted), nil while the search runs.
        public var matches: [Int]?
        public var matchSet = Set<Int>()
    }

    public var width: Int
    public var height: Int
    public var glyphs: Glyphs
    /// Shown until the data is loaded.
    public var loadingMessage = "loading…"
    public var loadError: String?
    public var data: ExplorerData?
    /// The verdict of every case (by case id) once scored.
    public var verdicts: [CaseVerdict]?
    /// A few bytes per case for filters and counts (by case id) once scored.
    public var summaries: [CaseSummary]?
    /// Run 0's report in the options' reading.
    public var scoreReport: ScoreReport?
    /// Every run's verdicts and summaries (run 0 repeats `verdicts`), once scored.
    public var runVerdicts: [[CaseVerdict]] = []
    public var runSummaries: [[CaseSummary]] = []
    public var scoreResult: ScoreResult?
    /// The summary views' model, computed after scoring.
    public var triage: TriageModel?
    /// The highlighted row and first shown row of a summary view.
    public var triageCursor = 0
    public var triageTop = 0
    /// Which prompt the prompt view shows (index in ``TriageViews/promptNames``).
    public var promptTemplate = 0
    /// Gold corrections and case statuses (the journal replayed), and whether scoring uses them.
    public var annotations = Annotations()
    public var useCorrectedGold = true
    /// Every journal entry so far (oldest first).
    public var journalEntries: [JournalEntry] = []
    /// After a verdict (confirm / flag), jump to the next failing case.
    public var autoAdvance = false
    /// Text typed after `:` (an edit command), nil when not typing.
    public var commandInput: String?
    /// The case the command line edits: fixed when the line opens, so background results that
    /// move the selection meanwhile cannot redirect the edit.
    public var commandTarget: Int?
    /// Text typed after `x` (the export path), nil when not typing.
    public var exportInput: String?
    /// Scoring progress (cases done, total) while it runs.
    public var scoring: (done: Int, total: Int)?
    public var options = Scorer.Options()

    /// Ids of the cases the list shows, in order.
    public var visible: [Int] = []
    /// pass / fail / format counts of `visible` (nil before scoring), kept by `reduce`.
    public var visibleCounts: (pass: Int, fail: Int, format: Int)?
    /// Position of the selection in `visible`.
    public var cursor = 0
    /// First visible row of the list.
    public var listTop = 0
    public var focus: Pane = .list
    public var contextMode: ContextMode = .catalog
    public var detailScroll = 0
    public var contextScroll = 0
    public var overlayScroll = 0
    public var overlay: Overlay?
    /// The raw overlay's lines, built by `reduce` when it opens or the size changes (big cases
    /// take a while to pretty-print; frames reuse them).
    public var rawLines: [Line] = []
    public var filter = Filter()
    public var search = SearchState()
    /// A one-line message in the status bar (cleared by the next key).
    public var message: String?
    public var mouse = false
    public var quit = false
    /// The selected case, decoded (rebuilt off the input loop when the selection changes).
    public var detail: CaseDetail?
    /// The case and context panes' lines, built off the input loop once per change of what they
    /// show (case, width, mode, search, scores) so a key that only moves does not lay them out twice.
    public var paneLines: PaneLines?
    /// What the panes' lines are being built for (``Effect/buildDetail(request:)``), nil when
    /// nothing is being built; until they arrive the case pane says "building…".
    public var detailPending: PaneLines.Key?
    /// The number of the latest detail request; a result of an earlier one is dropped.
    public var detailRequest = 0
    /// The number of the latest scoring request; a result of an earlier one is dropped.
    public var scoreRequest = 0
    /// Bumped whenever verdicts change (so cached lines are rebuilt).
    public var scoreVersion = 0

    public init(width: Int, height: Int, glyphs: Glyphs = .unicode) {
        self.width = width
        self.height = height
        self.glyphs = glyphs
    }

    /// The id of the selected case.
    public var selectedID: Int? { cursor < visible.count ? visible[cursor] : nil }

    /// The selected case's entry.
    public var selected: CaseEntry? { selectedID.flatMap { data?.cases[$0] } }

    /// The annotation status of case `id` (nil: never annotated).
    public func annotation(_ id: Int) -> CorrectedCase? {
        guard let data else { return nil }
        let e = data.cases[id]
        return annotations.corrected(data.benchmarkCase(e), in: data.split(of: e))
    }

    /// The verdict summary of case `id`, nil before scoring.
    public func summary(_ id: Int) -> CaseSummary? {
        guard let summaries, id < summaries.count else { return nil }
        return summaries[id]
    }

    /// The verdict of case `id`, nil before scoring.
    public func verdict(_ id: Int) -> CaseVerdict? {
        guard let verdicts, id < verdicts.count else { return nil }
        return verdicts[id]
    }
}

// MARK: - PaneLines

/// Laid-out lines of the case and context panes, and what they were laid out for.
public struct PaneLines: Sendable {
    /// What the lines were laid out for.
    public struct Key: Sendable, Equatable {
        var caseID: Int
        var detailWidth: Int
        var contextWidth: Int
        var contextMode: AppState.ContextMode
        var query: String
        var scoreVersion: Int
        var glyphs: Glyphs
    }

    public var key: Key
    public var detail: [Line]
    public var context: [Line]
}
