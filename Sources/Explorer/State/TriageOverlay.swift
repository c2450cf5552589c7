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

    public init(kind: TriageKind) {
        self.kind = kind
    }
}
