import TUICore

// MARK: - TriageOverlay

/// A summary view: which one, its rows and the highlighted row.
///
/// The rows are laid out by ``Reducer`` once per change of what they show (``TriageRows/Key``),
/// not per frame or per key: moving the cursor and drawing read them as they are.
public struct TriageOverlay: Sendable, Equatable {
    public var kind: TriageKind
    public var cursor = ListCursor()
    /// The laid-out rows, and what they were laid out for (nil: not yet).
    public var rows: [TriageRow] = []
    public var key: TriageRows.Key?
    /// The rows that cover cases (ascending): the cursor steps over them.
    public var selectable: [Int] = []
    /// How the view's tables are ordered (`>` next column, `<` reverse).
    public var sort = TriageSort()
    /// Columns scrolled out of view on the left, after each table's frozen label (`l`, `h`).
    public var columnOffset = 0
    /// The leaderboard's cell cursor: the column under it, by identity, so it stays on its column
    /// when the table is laid out again (nil: the first `overall` column).
    public var cell: Triage.Leaderboard.Column?

    /// Whether a table of the view has columns out of view on the right.
    public var overflowsRight: Bool { rows.contains { $0.overflow } }

    public init(kind: TriageKind) {
        self.kind = kind
    }
}
