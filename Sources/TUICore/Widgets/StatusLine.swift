// MARK: - StatusLine

/// The bottom line: text on the left, key hints on the right.
///
/// The hints are dropped from the right until they fit in what the left text leaves (the left
/// text claims at most half the line), except those marked `keep`, which always stay. The left
/// text is then cut with the ellipsis to the room the hints leave. The whole line has the
/// `.statusBar` role, keys the `.key` role.
public struct StatusLine: Widget, Sendable {
    /// A key and what it does, as the status line shows it (`q quit`).
    public struct Hint: Sendable, Equatable {
        /// The key as shown (`Enter`, `q`).
        public var key: String
        /// What the key does, in a word or two.
        public var label: String
        /// Never dropped for room.
        public var keep: Bool

        /// The hint `key label`.
        public init(key: String, label: String, keep: Bool = false) {
            self.key = key
            self.label = label
            self.keep = keep
        }
    }

    /// The text on the left (mode, filter, search, message).
    public var left: Line
    /// The hints, most useful first.
    public var hints: [Hint]
    /// The separator between hints and the ellipsis.
    public var glyphs: Glyphs

    /// A status line with `left` text and `hints`.
    public init(left: Line, hints: [Hint], glyphs: Glyphs) {
        self.left = left
        self.hints = hints
        self.glyphs = glyphs
    }

    /// The hints shown in a line `width` columns wide.
    public func shownHints(width: Int) -> [Hint] {
        var shown = hints
        let room = width - min(left.width, width / 2) - 2
        while hintLine(shown).width > room, let drop = shown.lastIndex(where: { !$0.keep }) {
            shown.remove(at: drop)
        }
        return shown
    }

    /// `hints` as drawn: `key label · key label`.
    public func hintLine(_ hints: [Hint]) -> Line {
        var spans: [Span] = []
        for h in hints {
            if !spans.isEmpty { spans.append(Span(" \(glyphs.dot) ", .statusBar)) }
            spans.append(Span(h.key, .statusKey))
            spans.append(Span(" " + h.label, .statusBar))
        }
        return Line(spans)
    }

    public func render(in rect: Rect, into buffer: inout ScreenBuffer) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, role: .statusBar)
        let hints = hintLine(shownHints(width: rect.width))
        let leftRoom = max(0, rect.width - hints.width - 2)
        buffer.put(left.fitted(to: leftRoom, ellipsis: glyphs.ellipsis), x: rect.x, y: rect.y, maxX: rect.x + leftRoom)
        if hints.width <= rect.width - 1 { buffer.put(hints, x: rect.maxX - hints.width - 1, y: rect.y, maxX: rect.maxX) }
    }
}
