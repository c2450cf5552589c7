import TUICore

// MARK: - Editor

/// A line being typed and what it is for.
public struct Editor: Sendable, Equatable {
    /// What Enter does with the line.
    public enum Purpose: Sendable, Equatable {
        /// `/`: search every case.
        case search
        /// `x`: the path the listed cases are exported to.
        case export
        /// `:` (and `!`, `m`): an edit command for case `target`, fixed when the line opens so
        /// background results that move the selection meanwhile cannot redirect the edit.
        case command(target: Int?)
    }

    public var purpose: Purpose
    public var line: LineEditor
    /// Where ↑/↓ are in the history of the purpose's kind.
    public var recall = LineHistory.Recall()
    /// The completions Tab steps through (open after a Tab found several), while the line is as
    /// the menu left it.
    public var completion: Completion.Menu?

    public init(_ purpose: Purpose, text: String = "") {
        self.purpose = purpose
        line = LineEditor(text)
    }

    /// What a command did to the line.
    public enum Outcome: Sendable, Equatable {
        /// The line changed or its cursor moved; typing goes on.
        case editing
        /// Esc: the line is dropped.
        case cancelled
        /// Enter: the line, for what it was opened for.
        case submitted(String)
    }

    /// Applies a line-editing command from the keymap; ↑/↓ (``Command/historyOlder``,
    /// ``Command/historyNewer``) replace the line with one from `history` (the purpose's kind).
    public mutating func update(_ command: Command, history: LineHistory = LineHistory()) -> Outcome {
        switch command {
        case .submit: return .submitted(line.text)
        case .cancel: return .cancelled
        case .historyOlder:
            if let text = recall.older(in: history, current: line.text) { line = LineEditor(text) }
            return .editing
        case .historyNewer:
            if let text = recall.newer(in: history) { line = LineEditor(text) }
            return .editing
        default:
            if let step = command.lineEdit { line.apply(step) }
            return .editing
        }
    }
}

extension Editor.Purpose {
    /// The history the line's ↑/↓ walk and its submitted text joins.
    public var historyKind: InputHistory.Kind {
        switch self {
        case .search: return .search
        case .export: return .export
        case .command: return .command
        }
    }
}
