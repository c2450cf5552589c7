// MARK: - LineEditor

/// A line of text being typed, with a cursor: what the search, export path and command lines edit.
///
/// The cursor is a position between characters (grapheme clusters, so a wide or combined
/// character moves and deletes as one). Editing is pure: the keymap maps keys to an ``Edit``.
public struct LineEditor: Sendable, Equatable {
    /// One editing step.
    public enum Edit: Sendable, Equatable {
        case insert(Character)
        /// Backspace: the character before the cursor.
        case deleteBackward
        /// Delete: the character under the cursor.
        case deleteForward
        case left, right
        case start, end
        case wordLeft, wordRight
        /// Ctrl-W: the word before the cursor (and the spaces after it).
        case deleteWordBackward
        /// Alt-D: the word after the cursor (and the spaces before it).
        case deleteWordForward
        /// Ctrl-U: everything before the cursor.
        case deleteToStart
        /// Ctrl-K: everything from the cursor on.
        case deleteToEnd
    }

    /// The characters of the line.
    public private(set) var characters: [Character]
    /// The cursor: 0 before the first character, `characters.count` after the last.
    public private(set) var cursor: Int

    /// A line holding `text`, the cursor at its end.
    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    /// The whole line.
    public var text: String { String(characters) }
    /// The text before the cursor.
    public var beforeCursor: String { String(characters[..<cursor]) }
    /// The text from the cursor on.
    public var afterCursor: String { String(characters[cursor...]) }

    /// Applies one editing step.
    public mutating func apply(_ edit: Edit) {
        switch edit {
        case .insert(let c):
            characters.insert(c, at: cursor)
            cursor += 1
        case .deleteBackward:
            guard cursor > 0 else { return }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .deleteForward:
            guard cursor < characters.count else { return }
            characters.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .start: cursor = 0
        case .end: cursor = characters.count
        case .wordLeft: cursor = wordStart(before: cursor)
        case .wordRight: cursor = wordEnd(after: cursor)
        case .deleteWordBackward:
            let from = wordStart(before: cursor)
            characters.removeSubrange(from..<cursor)
            cursor = from
        case .deleteWordForward:
            characters.removeSubrange(cursor..<wordEnd(after: cursor))
        case .deleteToStart:
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .deleteToEnd:
            characters.removeSubrange(cursor...)
        }
    }

    /// The start of the word before `i` (spaces before `i` skipped first).
    func wordStart(before i: Int) -> Int {
        var j = i
        while j > 0 && characters[j - 1].isWhitespace { j -= 1 }
        while j > 0 && !characters[j - 1].isWhitespace { j -= 1 }
        return j
    }

    /// The end of the word after `i` (spaces after `i` skipped first).
    func wordEnd(after i: Int) -> Int {
        var j = i
        while j < characters.count && characters[j].isWhitespace { j += 1 }
        while j < characters.count && !characters[j].isWhitespace { j += 1 }
        return j
    }
}
