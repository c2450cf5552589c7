import Evaluator

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
    /// Append a submitted line of a kind to the history file (``InputHistory/file``), fsync'ed.
    case saveHistory(InputHistory.Kind, String)
    /// List the folder of a path being typed for Tab (``Action/pathCompletions(word:candidates:)``).
    case completePath(String)
    /// Switch the colour theme to a bundled name or a JSON5 file: the runtime loads and resolves
    /// it for the terminal, warnings and errors go to the message log.
    case setTheme(String)
    /// Set the terminal's clipboard to the text (OSC 52, written between frames); the result is
    /// a status message saying what was copied.
    case copy(FocusedText)
    /// Show the text in `$PAGER` (default `less -R`): the terminal is handed over to it and
    /// restored afterwards; a status message when it could not be started.
    case page(FocusedText)
    /// Edit part of the command line in `$VISUAL` or `$EDITOR` (default `vi`), the terminal handed
    /// over; the result comes back as ``Action/externallyEdited(_:result:message:)``.
    case editExternally(ExternalEdit)
    // `A` (issue 14).
    /// Ask ``AppState/asker`` again for case `caseID` as run `run` was asked; the answer comes back
    /// scored as ``Action/reaskAnswered(_:)`` (or ``Action/reaskFailed(request:_:)``), tagged
    /// with `request`, and ``Action/reaskTick`` keeps the spinner going meanwhile.
    case reask(request: Int, caseID: Int, run: Int)
    /// Write run `run`'s re-asked answers as a new run beside it (``ReaskSave``); the path goes
    /// to the message log.
    case saveReask(run: Int)
    /// Stop the requests `requests` asked for (Esc dropped their answers): the connection is
    /// closed rather than left to finish.
    case dropReask(requests: [Int])
    /// Leave the explorer (``AppState/quit`` already says so): no work, the input loop ends.
    case quit
}
