import TUICore

// MARK: - TriageSort

/// How the tables of a summary view are ordered: by one of the view's columns
/// (``TriageRows/sortColumns(_:)``), up or down; nil column: the model's own order.
public struct TriageSort: Sendable, Equatable {
    /// The index in ``TriageRows/sortColumns(_:)`` (nil: the model's order).
    public var column: Int?
    public var descending: Bool

    /// Sorted by `column` (nil: the model's order), reversed when `descending`.
    public init(column: Int? = nil, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }

    /// The model's own order, not reversed.
    public var isNatural: Bool { column == nil && !descending }
}

// MARK: - TriageTable

/// One table of a summary view (a breakdown, the users, the tools): its columns and its rows, each
/// row with the values it sorts by, laid out through the TUICore ``Table`` widget so that a table
/// wider than the view scrolls by columns (its first column frozen) instead of cutting numbers.
public struct TriageTable: Sendable, Equatable {
    /// What a cell sorts by: numbers by their value, text without regard to case; a missing value
    /// (`n/a`) sorts last either way.
    public enum SortKey: Sendable, Equatable {
        case number(Double)
        case text(String)
        case missing

        /// A number, or missing.
        static func of(_ v: Double?) -> SortKey { v.map { .number($0) } ?? .missing }
        static func of(_ v: Int) -> SortKey { .number(Double(v)) }

        /// Whether `self` comes before `other` going up (a missing value never comes first).
        func precedes(_ other: SortKey) -> Bool {
            switch (self, other) {
            case (.number(let a), .number(let b)): return a < b
            case (.text(let a), .text(let b)): return a.lowercased() < b.lowercased()
            case (.number, .text): return true
            default: return false
            }
        }
    }

    /// One row: its cells (sanitized), sort keys (one per column), what Enter does, and rows
    /// nested under it (a platform's APIs) that sort among themselves and stay under it.
    public struct Row: Sendable, Equatable {
        public var cells: [Line]
        public var keys: [SortKey]
        public var cases: [Int]?
        public var label: String
        public var user: Int?
        public var children: [Row] = []
        /// ``TriageRow/identity``.
        public var identity: String?
        /// ``TriageRow/run``.
        public var run: Int?
    }

    public var columns: [Table.Column]
    public var rows: [Row]
    /// The leading columns that stay while the others scroll.
    public var frozen = 1
    /// Whether the view's sort applies (PTBench's metrics table keeps its order).
    public var sortable = true

    // MARK: - Sorting

    /// `rows` ordered by column `sort.column` (stable: ties keep the model's order both ways);
    /// children sorted the same way under their parent.
    public static func sorted(_ rows: [Row], _ sort: TriageSort) -> [Row] {
        var out: [Row]
        if let c = sort.column {
            let keyed = rows.enumerated().map { (c < $0.element.keys.count ? $0.element.keys[c] : .missing, $0.offset) }
            let down = sort.descending
            let order = keyed.sorted { a, b in
                if a.0 == .missing || b.0 == .missing {
                    return a.0 == b.0 ? a.1 < b.1 : b.0 == .missing
                }
                if a.0.precedes(b.0) { return !down }
                if b.0.precedes(a.0) { return down }
                return a.1 < b.1
            }
            out = order.map { rows[$0.1] }
        } else {
            out = sort.descending ? rows.reversed() : rows
        }
        for i in out.indices where !out[i].children.isEmpty { out[i].children = sorted(out[i].children, sort) }
        return out
    }

    // MARK: - Layout

    /// The table's header and rows as summary-view rows, `width` columns wide (an indent of two,
    /// one column kept for the right-hand scroll mark), `sort` applied and marked, `columnOffset`
    /// columns after the frozen ones scrolled out of view; the header of column `cell` (a cell
    /// cursor's) drawn in the `.match` role and its place kept in every row (``TriageRow/cell``).
    func lines(width: Int, sort: TriageSort, columnOffset: Int, glyphs: Glyphs, cell: Int? = nil) -> [TriageRow] {
        let sort = sortable ? sort : TriageSort()
        let ordered = Self.sorted(rows, sort)
        var flat: [(Row, Bool)] = []
        for r in ordered {
            flat.append((r, false))
            flat += r.children.map { ($0, true) }
        }
        // A nested row's label is indented under its parent's.
        let cells = flat.map { r, nested in
            nested ? r.cells.enumerated().map { $0.offset == 0 ? Line("  ") + $0.element : $0.element } : r.cells
        }
        let table = Table(
            columns: columns, rows: cells, columnOffset: columnOffset,
            sort: sort.column.map { Table.Sort(column: $0, ascending: !sort.descending) }, spacing: 2, frozen: frozen,
            glyphs: glyphs)
        let placements = table.layout(width: max(1, width - 4))
        // The cell cursor's column, two columns in for the indent (nil: out of view).
        let place = cell.flatMap { c in placements.first { $0.column == c } }.map { 2 + $0.x..<2 + $0.x + $0.width }
        var header = TriageRow(Line("  ") + table.headerLine(placements))
        if let place {
            let (before, inside, after) = Self.split(header.line, place)
            header.line = before + inside.withRole(.match) + after
        }
        header.overflow = table.overflow(placements).right
        header.cell = place
        return [header]
            + zip(flat, cells).map { item, line in
                var row = TriageRow(
                    Line("  ") + table.rowLine(line, placements), cases: item.0.cases, label: item.0.label, user: item.0.user)
                row.identity = item.0.identity
                row.run = item.0.run
                row.cell = place
                return row
            }
    }

    /// `line` cut at display columns `range`: what comes before it, in it and after it (a wide
    /// character across an edge goes to the side it starts on).
    static func split(_ line: Line, _ range: Range<Int>) -> (before: Line, inside: Line, after: Line) {
        var parts: [[Span]] = [[], [], []]
        var x = 0
        for span in line.spans {
            var texts = ["", "", ""]
            for ch in span.text {
                let part = x < range.lowerBound ? 0 : x < range.upperBound ? 1 : 2
                texts[part].append(ch)
                x += TextWidth.of(String(ch))
            }
            for (k, text) in texts.enumerated() where !text.isEmpty { parts[k].append(Span(text, span.role)) }
        }
        return (Line(parts[0]), Line(parts[1]), Line(parts[2]))
    }
}
