// MARK: - Table

/// Rows of cells under a header row, in columns sized by their content.
///
/// Each column is as wide as its widest cell or title, kept between its minimum and maximum
/// width. When the columns do not fit, the lowest-priority ones shrink to their minimum first and
/// are then dropped (the rightmost first among equal priorities); ``layout(width:)`` is the pure
/// function that decides. A horizontal offset hides that many columns on the left, so scrolling
/// right brings dropped columns into view; the first ``frozen`` columns (a row's label) stay put
/// while the others scroll. The selected row is highlighted as in ``SelectableList``; cells too
/// wide are cut with the ellipsis. A caller that shows the rows inside another list lays them out
/// with ``headerLine(_:)`` and ``rowLine(_:_:)``, which mark the columns scrolled out of view.
public struct Table: Widget, Sendable {
    // MARK: - Types

    /// One column: its title, alignment and sizing.
    public struct Column: Sendable, Equatable {
        /// Where a cell's text sits when it is narrower than the column.
        public enum Alignment: Sendable, Equatable {
            case left, right
        }

        /// The header text (sanitized by the caller).
        public var title: String
        public var alignment: Alignment
        /// The narrowest the column gets before it is dropped (at least 1).
        public var minWidth: Int
        /// The widest the column gets, however wide its cells.
        public var maxWidth: Int
        /// Columns of lower priority shrink and are dropped first.
        public var priority: Int

        /// A column titled `title`.
        public init(
            _ title: String, alignment: Alignment = .left, minWidth: Int = 1, maxWidth: Int = .max, priority: Int = 0
        ) {
            self.title = title
            self.alignment = alignment
            self.minWidth = minWidth
            self.maxWidth = maxWidth
            self.priority = priority
        }
    }

    /// The column the rows are sorted by, marked in its header.
    public struct Sort: Sendable, Equatable {
        /// The index of the column in ``Table/columns``.
        public var column: Int
        public var ascending: Bool

        /// Sorted by `column`, ascending or not.
        public init(column: Int, ascending: Bool) {
            self.column = column
            self.ascending = ascending
        }
    }

    /// Where a shown column goes: its index in ``Table/columns``, its first column relative to
    /// the table's left edge, and its width.
    public struct Placement: Sendable, Equatable {
        public var column: Int
        public var x: Int
        public var width: Int

        /// Column `column` at `x`, `width` wide.
        public init(column: Int, x: Int, width: Int) {
            self.column = column
            self.x = x
            self.width = width
        }
    }

    // MARK: - Fields

    public var columns: [Column]
    /// The cells, one line per column (a missing cell is blank); sanitized by the caller.
    public var rows: [[Line]]
    /// The selected row and the first row shown; `rows` for it is ``bodyRows(in:)``.
    public var cursor: ListCursor
    /// Whether the table has the focus (see ``SelectableList``).
    public var focused: Bool
    /// The ascending indices of the rows that can be selected; nil: every row.
    public var selectable: [Int]?
    /// Columns hidden on the left, after the frozen ones (a horizontal scroll).
    public var columnOffset: Int
    /// The leading columns that never scroll out of view nor are dropped (a row's label).
    public var frozen: Int
    public var sort: Sort?
    /// Blank columns between two columns.
    public var spacing: Int
    /// The role of the header row.
    public var headerRole: Role
    /// The width of each column's content (widest cell or title), when the caller keeps it (a big
    /// table measures its rows once, not every frame); nil: measured from ``rows``.
    public var contentWidths: [Int]?
    /// The ellipsis and sort-mark symbols.
    public var glyphs: Glyphs

    /// A table of `rows` under `columns`.
    public init(
        columns: [Column], rows: [[Line]], cursor: ListCursor = ListCursor(), focused: Bool = false,
        selectable: [Int]? = nil, columnOffset: Int = 0, sort: Sort? = nil, spacing: Int = 1, headerRole: Role = .muted,
        contentWidths: [Int]? = nil, frozen: Int = 0, glyphs: Glyphs
    ) {
        self.frozen = frozen
        self.columns = columns
        self.rows = rows
        self.cursor = cursor
        self.focused = focused
        self.selectable = selectable
        self.columnOffset = columnOffset
        self.sort = sort
        self.spacing = spacing
        self.headerRole = headerRole
        self.contentWidths = contentWidths
        self.glyphs = glyphs
    }

    // MARK: - Layout

    /// The header text of column `c`: its title, and the sort mark when the rows are sorted by it.
    public func header(_ c: Int) -> String {
        guard let sort, sort.column == c else { return columns[c].title }
        return columns[c].title + " " + (sort.ascending ? glyphs.sortAscending : glyphs.sortDescending)
    }

    /// The widest cell or header of each column.
    public func measuredContentWidths() -> [Int] {
        columns.indices.map { c in
            rows.reduce(TextWidth.of(header(c))) { w, row in c < row.count ? max(w, row[c].width) : w }
        }
    }

    /// The columns shown in `width` columns, left to right, with their places and widths.
    public func layout(width: Int) -> [Placement] {
        guard width > 0, !columns.isEmpty else { return [] }
        let content = contentWidths ?? measuredContentWidths()
        let minimum = columns.map { max(1, $0.minWidth) }
        var widths = columns.indices.map { c in
            min(max(minimum[c], c < content.count ? content[c] : 0), max(minimum[c], columns[c].maxWidth))
        }
        let pinned = min(max(0, frozen), columns.count)
        let first = min(pinned + max(0, columnOffset), columns.count - 1)
        var shown = Array(0..<pinned) + Array(max(pinned, first)..<columns.count)
        let gap = max(0, spacing)
        func total(_ w: (Int) -> Int) -> Int { shown.reduce(0) { $0 + w($1) } + gap * (shown.count - 1) }
        /// The shown column that gives way first: the lowest priority, the rightmost among equals.
        func weakest(_ among: [Int]) -> Int? {
            among.filter { $0 >= pinned || among.allSatisfy { $0 < pinned } }.min { a, b in
                columns[a].priority != columns[b].priority ? columns[a].priority < columns[b].priority : a > b
            }
        }
        // Drop columns while even their minimum widths do not fit.
        while shown.count > 1 && total({ minimum[$0] }) > width, let drop = weakest(shown) {
            shown.removeAll { $0 == drop }
        }
        // Shrink the weakest columns towards their minimum until the rest fits.
        var excess = total { widths[$0] } - width
        while excess > 0, let c = weakest(shown.filter { widths[$0] > minimum[$0] }) {
            let cut = min(excess, widths[c] - minimum[c])
            widths[c] -= cut
            excess -= cut
        }
        // A lone column wider than the table gets the table's width.
        if excess > 0, let only = shown.first { widths[only] = width }
        var x = 0
        return shown.map { c in
            defer { x += widths[c] + gap }
            return Placement(column: c, x: x, width: widths[c])
        }
    }

    /// Whether columns are out of view on the left (scrolled) or on the right (dropped) in
    /// `placements`, a ``layout(width:)`` of this table.
    public func overflow(_ placements: [Placement]) -> (left: Bool, right: Bool) {
        let shown = Set(placements.map(\.column))
        let pinned = min(max(0, frozen), columns.count)
        let scrolled = (pinned..<columns.count).filter { !shown.contains($0) }
        let firstShown = placements.map(\.column).first { $0 >= pinned } ?? columns.count
        return (scrolled.contains { $0 < firstShown }, scrolled.contains { $0 > firstShown })
    }

    /// The header row laid out in `placements`, the sorted column marked; the gap before the
    /// first scrolled column shows ``Glyphs/arrowLeft`` when columns are hidden on the left, and
    /// ``Glyphs/arrow`` follows the last column when columns are hidden on the right (lay out one
    /// column narrower than the room to leave it space).
    public func headerLine(_ placements: [Placement]) -> Line {
        var line = rowLine(columns.indices.map { Line(header($0), headerRole) }, placements)
        let (left, right) = overflow(placements)
        if left, let p = placements.first(where: { $0.column >= frozen }), p.x > 0 {
            line = Self.overwrite(line, at: p.x - max(1, spacing), with: Span(glyphs.arrowLeft, .accent))
        }
        if right, let last = placements.last {
            let gap = max(0, last.x + last.width - line.width) + max(0, spacing)
            line = line + Line([Span(String(repeating: " ", count: gap)), Span(glyphs.arrow, .accent)])
        }
        return line
    }

    /// One row's cells laid out in `placements`: each cut to its column and aligned in it, the
    /// gaps blank (no trailing blanks).
    public func rowLine(_ cells: [Line], _ placements: [Placement]) -> Line {
        var spans: [Span] = []
        var x = 0
        for p in placements {
            let cell = p.column < cells.count ? cells[p.column] : Line("")
            let fitted = cell.fitted(to: p.width, ellipsis: glyphs.ellipsis)
            let pad = columns[p.column].alignment == .right ? max(0, p.width - fitted.width) : 0
            if p.x + pad > x { spans.append(Span(String(repeating: " ", count: p.x + pad - x))) }
            spans += fitted.spans
            x = p.x + pad + fitted.width
        }
        return Line(spans)
    }

    /// `line` with the one-column `span` in place of the column at `x` (a blank gap).
    static func overwrite(_ line: Line, at x: Int, with span: Span) -> Line {
        var out: [Span] = []
        var used = 0
        for s in line.spans {
            let w = TextWidth.of(s.text)
            if used <= x && x < used + w && s.text.allSatisfy({ $0 == " " }) {
                let before = x - used
                if before > 0 { out.append(Span(String(repeating: " ", count: before), s.role)) }
                out.append(span)
                if w - before - 1 > 0 { out.append(Span(String(repeating: " ", count: w - before - 1), s.role)) }
            } else {
                out.append(s)
            }
            used += w
        }
        return Line(out)
    }

    /// The rows of a `rect` that show table rows (below the header row).
    public static func bodyRows(in rect: Rect) -> Int { max(0, rect.height - 1) }

    // MARK: - Rendering

    public func render(in rect: Rect, into buffer: inout ScreenBuffer) {
        guard !rect.isEmpty else { return }
        let placements = layout(width: rect.width)
        for p in placements {
            put(Line(header(p.column), headerRole), p, x: rect.x, y: rect.y, into: &buffer)
        }
        for row in 0..<Table.bodyRows(in: rect) {
            let i = cursor.top + row
            if i < 0 { continue }
            if i >= rows.count { break }
            let y = rect.y + 1 + row
            let selected = i == cursor.index && ListCursor.isSelectable(i, selectable)
            if selected { buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: focused ? .selection : .normal) }
            for p in placements where p.column < rows[i].count {
                let cell = rows[i][p.column]
                put(selected ? cell.withRole(focused ? .selection : .accent) : cell, p, x: rect.x, y: y, into: &buffer)
            }
        }
    }

    /// Draws `line` in the place `p` of a row at (`x`, `y`): cut to the column, aligned in it.
    private func put(_ line: Line, _ p: Placement, x: Int, y: Int, into buffer: inout ScreenBuffer) {
        let fitted = line.fitted(to: p.width, ellipsis: glyphs.ellipsis)
        let left = x + p.x
        let start = columns[p.column].alignment == .right ? left + max(0, p.width - fitted.width) : left
        buffer.put(fitted, x: start, y: y, maxX: left + p.width)
    }
}
