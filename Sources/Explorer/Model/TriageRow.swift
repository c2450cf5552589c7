import TUICore

// MARK: - TriageRow

/// One row of a summary view.
public struct TriageRow: Sendable, Equatable {
    public var line: Line
    /// The cases Enter shows (nil: not selectable).
    public var cases: [Int]?
    /// What the list's filter says after Enter.
    public var label: String
    /// For the users view: the user Enter filters to.
    public var user: Int?
    /// For a table's header row: columns are out of view on the right (`l` scrolls to them).
    public var overflow = false
    /// For a leaderboard row: the run Enter focuses (besides listing the cases).
    public var run: Int?
    /// What the row is across layouts when its label changes with the order (a leaderboard run,
    /// whose label names the sorted column): the cursor stays on the row with the same identity.
    public var identity: String?
    /// For a leaderboard row and its header: the display columns of ``line`` that the cell cursor's
    /// column takes (drawn in the `.match` role on the selected row); nil when that column is out of view.
    public var cell: Range<Int>?

    init(_ line: Line, cases: [Int]? = nil, label: String = "", user: Int? = nil) {
        self.line = line
        self.cases = cases
        self.label = label
        self.user = user
    }
}
