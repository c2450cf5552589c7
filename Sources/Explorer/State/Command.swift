import TUICore

// MARK: - Command

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
    /// The case list's order: by the next column, or the other way round.
    case sortNext, sortReverse
    /// Line editing (search, export path, edit command): Enter, Esc and the editing keys.
    case submit, cancel, deleteBackward, deleteForward, cursorLeft, cursorRight, lineStart, lineEnd, deleteWord, clearLine
    case deleteToEnd, wordLeft, wordRight, deleteWordForward
    /// The leaderboard (`L`): every run's PTBench numbers side by side.
    case leaderboard
    /// Getting things out: `y` copies the focused text (OSC 52), `Y` the raw prediction, `v` shows
    /// the focused text in `$PAGER`, Alt-E edits the note or reason being typed in `$EDITOR`.
    case copy, copyPrediction, page, externalEditor
    /// Line editing: the older / newer line of the same kind from the history (↑ / ↓).
    case historyOlder, historyNewer
    /// Line editing: Tab completes the word before the cursor (next candidate), Shift-Tab the previous.
    case complete, completeBack
    /// Suspect gold: `S` opens the queue, `+` / `-` change its K (runs that must agree).
    case suspects, moreAgreement, fewerAgreement
    /// A comparison: focus the next / previous run (its verdicts drive the list, counts, `]`/`[`,
    /// filters and the summary views).
    case focusNextRun, focusPreviousRun
    /// The leaderboard's cell cursor: a column left / right, to the first / last column, and the
    /// runs sorted by its column ascending / descending.
    case cellLeft, cellRight, firstCell, lastCell, sortCellAscending, sortCellDescending
    /// Asking again (issue 14): `A` asks the endpoint again for the selected case, `W` in its view
    /// saves the answers asked again as a new run.
    case reask, saveReask
}

// MARK: - What a command does

extension Command {
    /// Whether the command edits the line being typed (the keymap's line-editor contexts).
    var isLineEditing: Bool {
        switch self {
        case .submit, .cancel, .deleteBackward, .deleteForward, .cursorLeft, .cursorRight, .lineStart, .lineEnd, .deleteWord,
            .clearLine, .deleteToEnd, .wordLeft, .wordRight, .deleteWordForward, .historyOlder, .historyNewer,
            .complete, .completeBack:
            return true
        default:
            return false
        }
    }

    /// The motion of a move command (nil for every other command).
    var motion: Motion? {
        switch self {
        case .moveDown: return .by(1)
        case .moveUp: return .by(-1)
        case .pageDown: return .pageDown
        case .pageUp: return .pageUp
        case .first: return .first
        case .last: return .last
        default: return nil
        }
    }

    /// The editing step of a line-editing command (nil for submit, cancel and the history).
    var lineEdit: LineEditor.Edit? {
        switch self {
        case .deleteBackward: return .deleteBackward
        case .deleteForward: return .deleteForward
        case .cursorLeft: return .left
        case .cursorRight: return .right
        case .lineStart: return .start
        case .lineEnd: return .end
        case .deleteWord: return .deleteWordBackward
        case .clearLine: return .deleteToStart
        case .deleteToEnd: return .deleteToEnd
        case .wordLeft: return .wordLeft
        case .wordRight: return .wordRight
        case .deleteWordForward: return .deleteWordForward
        default: return nil
        }
    }
}
