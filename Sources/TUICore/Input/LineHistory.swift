// MARK: - LineHistory

/// The lines submitted in one kind of input (searches, commands, paths), oldest first, and a walk
/// through them while typing (``Recall``).
///
/// A pure value: where it is stored and how it is read back is the caller's business. A blank
/// line, a line longer than ``maxLineLength`` and a repeat of the newest entry are not stored; past
/// ``limit`` entries the oldest is dropped.
public struct LineHistory: Sendable, Equatable {
    /// How many entries a history keeps unless told otherwise.
    public static let defaultLimit = 500
    /// The longest line (in characters) stored; a longer one (a pasted document) is not.
    public static let maxLineLength = 4096

    /// The stored lines, oldest first.
    public private(set) var entries: [String] = []
    /// The most entries kept.
    public let limit: Int

    /// A history holding `lines` (oldest first) as if each had been recorded in turn.
    public init(_ lines: [String] = [], limit: Int = defaultLimit) {
        self.limit = max(1, limit)
        for line in lines { record(line) }
    }

    /// Whether `line` would be stored: not blank, not too long, not the newest entry again.
    public func accepts(_ line: String) -> Bool {
        !line.allSatisfy(\.isWhitespace) && line.count <= Self.maxLineLength && line != entries.last
    }

    /// Stores a submitted line as the newest entry (see ``accepts(_:)``); returns whether it was stored.
    @discardableResult
    public mutating func record(_ line: String) -> Bool {
        guard accepts(line) else { return false }
        entries.append(line)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        return true
    }

    // MARK: - Recall

    /// A walk through a history while a line is typed: ↑ shows older entries, ↓ newer ones, and
    /// past the newest the line that was being typed when the walk began comes back.
    public struct Recall: Sendable, Equatable {
        /// The entry shown, nil while the line being typed is shown.
        public private(set) var index: Int?
        /// The line being typed when the walk began.
        public private(set) var draft = ""

        /// A walk that has not begun (the typed line is shown).
        public init() {}

        /// The entry older than the one shown (the newest, from the typed line `current`, which
        /// is kept); nil at the oldest or with an empty history, and nothing changes.
        public mutating func older(in history: LineHistory, current: String) -> String? {
            let entries = history.entries
            guard let i = index else {
                guard let newest = entries.last else { return nil }
                draft = current
                index = entries.count - 1
                return newest
            }
            guard i > 0, i - 1 < entries.count else { return nil }
            index = i - 1
            return entries[i - 1]
        }

        /// The entry newer than the one shown, or the kept line after the newest; nil while the
        /// typed line is shown (nothing changes).
        public mutating func newer(in history: LineHistory) -> String? {
            guard let i = index else { return nil }
            if i + 1 < history.entries.count {
                index = i + 1
                return history.entries[i + 1]
            }
            index = nil
            return draft
        }
    }
}
