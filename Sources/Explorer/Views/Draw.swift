import TUICore

// MARK: - Drawing helpers

extension ScreenBuffer {
    /// Draws a border around `rect` with `title` in the top edge; returns the inner rectangle.
    @discardableResult
    mutating func box(_ rect: Rect, title: Line, focused: Bool, glyphs: Glyphs) -> Rect {
        guard rect.width >= 2 && rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let role: Role = focused ? .focusedBorder : .border
        fill(rect)
        let h = String(repeating: glyphs.horizontal, count: rect.width - 2)
        put(glyphs.topLeft + h + glyphs.topRight, x: rect.x, y: rect.y, role: role)
        put(glyphs.bottomLeft + h + glyphs.bottomRight, x: rect.x, y: rect.maxY - 1, role: role)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put(glyphs.vertical, x: rect.x, y: y, role: role)
            put(glyphs.vertical, x: rect.maxX - 1, y: y, role: role)
        }
        if rect.width > 6 {
            var t = title
            t.spans.insert(Span(" ", role), at: 0)
            t.spans.append(Span(" ", role))
            put(Text.fit(t, rect.width - 4), x: rect.x + 2, y: rect.y, maxX: rect.maxX - 2)
        }
        return rect.inset(1)
    }

    /// Draws `lines[scroll...]` into `rect`, one per row.
    mutating func lines(_ lines: [Line], in rect: Rect, scroll: Int) {
        guard !rect.isEmpty else { return }
        for row in 0..<rect.height {
            let i = scroll + row
            if i >= lines.count { break }
            put(Text.fit(lines[i], rect.width), x: rect.x, y: rect.y + row, maxX: rect.maxX)
        }
    }
}
