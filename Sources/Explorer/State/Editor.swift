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

    /// Applies a line-editing command from the keymap.
    public mutating func update(_ command: Command) -> Outcome {
        switch command {
        case .submit: return .submitted(line.text)
        case .cancel: return .cancelled
        default:
            if let step = command.lineEdit { line.apply(step) }
            return .editing
        }
    }
}
