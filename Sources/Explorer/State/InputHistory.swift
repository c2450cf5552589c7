import Foundation
import TUICore

// MARK: - InputHistory

/// The lines submitted per kind of input (searches, commands, export paths), for ↑/↓ in the line
/// being typed, and where new ones are saved.
public struct InputHistory: Sendable, Equatable {
    /// A kind of input with its own history.
    public enum Kind: String, Sendable, CaseIterable {
        /// `/`.
        case search
        /// `:` and the lines it opens with (`!` a flag reason, `m` a note).
        case command
        /// `x`: the export path.
        case export
    }

    /// Each kind's lines (a kind never submitted has none).
    public private(set) var lines: [Kind: LineHistory] = [:]
    /// The file new lines are appended to (``Effect/saveHistory(_:_:)``); nil: kept for this run only.
    public var file: URL?

    /// Histories holding `lines` per kind (oldest first), saved to `file`.
    public init(_ lines: [Kind: [String]] = [:], file: URL? = nil) {
        for (kind, list) in lines { self.lines[kind] = LineHistory(list) }
        self.file = file
    }

    /// The history of `kind`.
    public subscript(kind: Kind) -> LineHistory { lines[kind] ?? LineHistory() }

    /// Stores a submitted line of `kind`; whether it was stored (see ``LineHistory/record(_:)``).
    @discardableResult
    public mutating func record(_ line: String, as kind: Kind) -> Bool {
        var history = self[kind]
        guard history.record(line) else { return false }
        lines[kind] = history
        return true
    }
}
