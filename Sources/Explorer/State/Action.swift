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
    case scored(ScoreReport)
    case searchFinished(query: String, matches: [Int])
}

/// What a key means; the keymap maps keys to commands per context.
public enum Command: String, Sendable, CaseIterable {
    case moveDown, moveUp, pageDown, pageUp, first, last
    case focusNext, focusPrevious, open, back
    case nextFailure, previousFailure
    case search, searchNext, searchPrevious
    case filter, toggleFilterItem, clearFilter
    case toggleContext, raw, help, quit
}

// MARK: - Effect

/// Work the runtime does outside `reduce`; its results come back as actions.
public enum Effect: Sendable, Equatable {
    /// Score every case of the loaded data.
    case score
    /// Search every case for a text.
    case search(String)
    /// Leave the explorer.
    case quit
}
