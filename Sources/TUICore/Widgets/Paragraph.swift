// MARK: - Paragraph

/// Laid-out lines shown from a scroll offset, one per row, each cut with the ellipsis when too
/// wide. Rows below the last line are left as they are.
public struct Paragraph: Widget, Sendable {
    /// The lines, already laid out for the width.
    public var lines: [Line]
    /// The first line shown.
    public var scroll: ScrollText
    /// The ellipsis symbol.
    public var glyphs: Glyphs

    /// `lines` shown from `scroll`.
    public init(_ lines: [Line], scroll: ScrollText = ScrollText(), glyphs: Glyphs) {
        self.lines = lines
        self.scroll = scroll
        self.glyphs = glyphs
    }

    public func render(in rect: Rect, into buffer: inout ScreenBuffer) {
        guard !rect.isEmpty else { return }
        for row in 0..<rect.height {
            let i = scroll.offset + row
            if i < 0 { continue }
            if i >= lines.count { break }
            buffer.put(
                lines[i].fitted(to: rect.width, ellipsis: glyphs.ellipsis), x: rect.x, y: rect.y + row, maxX: rect.maxX)
        }
    }
}
