import Evaluator
import TUICore

// MARK: - CaseList

/// The case list: the ids it shows (the filter applied), the selection, the filter and the search.
public struct CaseList: Sendable {
    /// Ids of the cases the list shows, in order (ascending ids).
    public var visible: [Int] = []
    /// pass / fail / format counts of `visible` (nil before scoring).
    public var counts: (pass: Int, fail: Int, format: Int)?
    /// The selection (a position in `visible`) and the first row shown.
    public var cursor = ListCursor()
    public var filter = Filter()
    /// The order of `visible` (the data's own by default).
    public var sort = CaseSort()
    public var search = Search()

    /// The committed search: the query and its matches.
    public struct Search: Sendable, Equatable {
        /// The committed query (highlighted, used by `n`/`N`).
        public var query = ""
        /// Ids of the matching cases (sorted), nil while the search runs.
        public var matches: [Int]?
        public var matchSet = Set<Int>()
    }

    public init() {}

    /// The id of the selected case.
    public var selectedID: Int? { cursor.index < visible.count ? visible[cursor.index] : nil }

    /// Moves the selection by `motion`, `rows` rows shown.
    public mutating func move(_ motion: Motion, rows: Int) {
        cursor.move(motion, count: visible.count, rows: rows)
    }
}
