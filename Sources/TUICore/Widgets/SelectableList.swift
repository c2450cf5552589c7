// MARK: - SelectableList

/// Rows of a list shown from the cursor's top row, the cursor's row highlighted.
///
/// A focused list paints the whole highlighted row in the `.selection` role; an unfocused one
/// keeps the row's background and draws its text in the `.accent` role, so the selection stays
/// visible without looking active. A row that is not selectable is never highlighted. Rows too
/// wide are cut with the ellipsis; rows below the last one are left as they are.
public struct SelectableList: Widget, Sendable {
    /// The rows, one line each.
    public var rows: [Line]
    /// The highlighted row and the first row shown (clamped beforehand, see ``ListCursor``).
    public var cursor: ListCursor
    /// Whether the list has the focus.
    public var focused: Bool
    /// The ascending indices of the rows that can be highlighted; nil: every row.
    public var selectable: [Int]?
    /// The ellipsis symbol.
    public var glyphs: Glyphs

    /// A list of `rows` at `cursor`.
    public init(_ rows: [Line], cursor: ListCursor, focused: Bool, selectable: [Int]? = nil, glyphs: Glyphs) {
        self.rows = rows
        self.cursor = cursor
        self.focused = focused
        self.selectable = selectable
        self.glyphs = glyphs
    }

    public func render(in rect: Rect, into buffer: inout ScreenBuffer) {
        guard !rect.isEmpty else { return }
        for row in 0..<rect.height {
            let i = cursor.top + row
            if i < 0 { continue }
            if i >= rows.count { break }
            let y = rect.y + row
            var line = rows[i]
            if i == cursor.index && ListCursor.isSelectable(i, selectable) {
                buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: focused ? .selection : .normal)
                line = line.withRole(focused ? .selection : .accent)
            }
            buffer.put(line.fitted(to: rect.width, ellipsis: glyphs.ellipsis), x: rect.x, y: y, maxX: rect.maxX)
        }
    }
}
