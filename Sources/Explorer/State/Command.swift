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
    /// Line editing (search, export path, edit command): Enter, Esc and the editing keys.
    case submit, cancel, deleteBackward, deleteForward, cursorLeft, cursorRight, lineStart, lineEnd, deleteWord, clearLine
    case deleteToEnd
}
