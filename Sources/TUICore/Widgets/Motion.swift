// MARK: - Motion

/// A move of a cursor or a scroll position: by rows, by a page, or to an end.
public enum Motion: Sendable, Equatable {
    /// By `n` rows (negative: up).
    case by(Int)
    /// One page down: the rows shown less one, at least one.
    case pageDown
    /// One page up.
    case pageUp
    /// To the first row.
    case first
    /// To the last row.
    case last

    /// The rows a page moves when `rows` rows are shown: `rows - 1`, at least 1.
    public static func page(rows: Int) -> Int { max(1, rows - 1) }

    /// The signed number of rows this motion moves when `rows` rows are shown; the ends are
    /// far-away deltas (`Int.min / 2`, `Int.max / 2`) that clamping turns into the first or last row.
    public func delta(rows: Int) -> Int {
        switch self {
        case .by(let n): return n
        case .pageDown: return Motion.page(rows: rows)
        case .pageUp: return -Motion.page(rows: rows)
        case .first: return Int.min / 2
        case .last: return Int.max / 2
        }
    }
}
