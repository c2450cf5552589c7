// MARK: - Block

/// A border with a title in its top edge, around a pane or an overlay.
///
/// The border takes the `.focusedBorder` role when focused, `.border` otherwise; the title is
/// drawn from the third column between two spaces of the border's role, cut with the ellipsis when
/// too long, and only when the block is wider than six columns. A block smaller than 2×2 draws
/// nothing. Rendering first blanks the whole rectangle.
public struct Block: Widget, Sendable {
    /// The title, drawn in the top edge.
    public var title: Line
    /// Whether the block has the focus.
    public var focused: Bool
    /// When set, the position of a scrolled content (" 3-10/40", `.muted`) follows the title,
    /// computed for the block's inner height; nothing is added when every line fits.
    public var scroll: (offset: Int, lines: Int)?
    /// The border and ellipsis symbols.
    public var glyphs: Glyphs

    /// A block titled `title`, scrolled to `scroll.offset` of `scroll.lines` lines when given.
    public init(title: Line, focused: Bool, scroll: (offset: Int, lines: Int)? = nil, glyphs: Glyphs) {
        self.title = title
        self.focused = focused
        self.scroll = scroll
        self.glyphs = glyphs
    }

    /// The rectangle inside the border (empty, at the block's origin, when the block is smaller
    /// than 2×2).
    public func inner(_ rect: Rect) -> Rect {
        guard rect.width >= 2 && rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        return rect.inset(1)
    }

    /// The title with the scroll position, as drawn (before fitting).
    public func fullTitle(in rect: Rect) -> Line {
        guard let scroll else { return title }
        let position = ScrollText.position(offset: scroll.offset, lines: scroll.lines, rows: rect.height - 2)
        return position.isEmpty ? title : title + Line(position, .muted)
    }

    public func render(in rect: Rect, into buffer: inout ScreenBuffer) {
        guard rect.width >= 2 && rect.height >= 2 else { return }
        let role: Role = focused ? .focusedBorder : .border
        buffer.fill(rect)
        let h = String(repeating: glyphs.horizontal, count: rect.width - 2)
        buffer.put(glyphs.topLeft + h + glyphs.topRight, x: rect.x, y: rect.y, role: role)
        buffer.put(glyphs.bottomLeft + h + glyphs.bottomRight, x: rect.x, y: rect.maxY - 1, role: role)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.put(glyphs.vertical, x: rect.x, y: y, role: role)
            buffer.put(glyphs.vertical, x: rect.maxX - 1, y: y, role: role)
        }
        if rect.width > 6 {
            let t = Line(" ", role) + fullTitle(in: rect) + Line(" ", role)
            buffer.put(t.fitted(to: rect.width - 4, ellipsis: glyphs.ellipsis), x: rect.x + 2, y: rect.y, maxX: rect.maxX - 2)
        }
    }
}
