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
}
