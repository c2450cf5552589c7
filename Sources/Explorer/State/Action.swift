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
    /// The selected case's detail and pane lines, built off the input loop (``Effect/buildDetail(request:)``).
    case detailBuilt(DetailBuild)
}

/// What a key means; the keymap maps keys to commands per context.
public enum Command: String, Sendable, CaseIterable {
    case moveDown, moveUp, pageDown, pageUp, first, last
    case focusNext, focusPrevious, open, back
    case nextFailure, previousFailure
    case search, searchNext, searchPrevious
    case filter, toggleFilterItem, clearFilter
    case toggleContext, raw, help, quit
    case rescore, reload, options, export
    case dashboard, patterns, users, tools, prompt, nextTemplate, previousTemplate
    case accept, undo, redo, recentEdits, confirm, flag, note, editCommand
    /// Line editing (search, export path, edit command): Enter, Esc and the editing keys.
    case submit, cancel, deleteBackward, deleteForward, cursorLeft, cursorRight, lineStart, lineEnd, deleteWord, clearLine
    case deleteToEnd
}

// MARK: - Effect

/// Work done outside `reduce` by an ``EffectRunner``; its results come back as actions.
///
/// An effect carries everything that is not in the state it was returned with: the runner never
/// writes the state.
public enum Effect: Sendable, Equatable {
    /// Read the files the first time (``Action/loaded(_:)``, or ``Action/loadFailed(_:)`` saying why).
    case load
    /// Score every case of the loaded data; the result carries `request` (``Session/scoreRequest``
    /// as `reduce` set it when asking), so a result of an earlier request is dropped.
    case score(request: Int)
    /// Search every case for a text.
    case search(String)
    /// Append an edit to the journal (written and fsync'ed before it is applied).
    case journal(EditStep)
    /// Compute the summary views' model from the scored result.
    case triage
    /// Read the files again (predictions re-generated elsewhere) and re-score.
    case reload
    /// Write the listed cases (ids) with their verdicts and diagnosis to a file (CSV or JSON Lines).
    case export(path: String, cases: [Int])
    /// Build the selected case's detail and its panes' lines (``Panes/pending``): scoring
    /// the case, its call diff and the layout can take long for a large prediction.
    case buildDetail(request: Int)
    /// Leave the explorer (``AppState/quit`` already says so): no work, the input loop ends.
    case quit
}

// MARK: - DetailBuild

/// The result of ``Effect/buildDetail(request:)``: the detail and the lines laid out for it.
public struct DetailBuild: Sendable {
    /// Which request this answers (``Panes/request``); a result of an earlier one is dropped.
    public var request: Int
    public var detail: CaseDetail
    public var lines: PaneLines
    /// True when the detail was built anew (not the one the state already had, laid out again).
    public var newDetail: Bool

    public init(request: Int, detail: CaseDetail, lines: PaneLines, newDetail: Bool) {
        self.request = request
        self.detail = detail
        self.lines = lines
        self.newDetail = newDetail
    }
}

// MARK: - ScoreResult

/// Every run scored with the explorer's options, and PTBench's own reading beside it when the
/// options differ from the reference (lenient parsing), so the two are never confused.
public struct ScoreResult: Sendable {
    /// One report per run (run 0 first), in the options' reading.
    public var reports: [ScoreReport]
    /// The same in the reference reading, when the options are not the reference's.
    public var referenceReports: [ScoreReport]?
    /// Run 0 against the original gold, when corrected gold was used and some gold changed.
    public var originalReport: ScoreReport?
    /// Which scoring request this answers (``Session/scoreRequest``).
    public var request = 0

    public init(reports: [ScoreReport], referenceReports: [ScoreReport]? = nil, originalReport: ScoreReport? = nil) {
        self.reports = reports
        self.referenceReports = referenceReports
        self.originalReport = originalReport
    }
}
