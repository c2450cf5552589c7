// MARK: - ListColumns

/// The case list's column widths: the fixed columns (mark, number, split, verdicts, status,
/// error) and the room left for the user and `scenario/platform`, split by content when it fits.
public enum ListColumns {
    /// The width of the error column.
    static let error = 7

    /// The columns that do not depend on names: the mark, the number, the split letter, one
    /// verdict per run, the status, the error column and the gaps between them.
    static func fixed(maxIndex: Int, runs: Int) -> Int {
        numberWidth(maxIndex) + 1 + 1 + 1 + 1 + 1 + runs + 1 + error + 2
    }

    /// The number column: as wide as the largest number, at least 3.
    static func numberWidth(_ maxIndex: Int) -> Int { max(3, String(maxIndex).count) }

    /// The outer width (borders included) the list needs to show every name and place whole.
    static func want(_ data: ExplorerData) -> Int {
        fixed(maxIndex: data.cases.count, runs: data.runs.count) + max(data.widestUser, 5) + max(data.widestPlace, 18) + 2
    }

    /// The user and place column widths in `width` inner columns: the widest of each when both fit,
    /// else two fifths and three fifths of the room.
    static func names(width: Int, maxIndex: Int, runs: Int, widest: (user: Int, place: Int)?) -> (user: Int, place: Int) {
        let rest = max(4, width - fixed(maxIndex: maxIndex, runs: runs))
        // The titles are content too: a column never gets narrower than its header.
        if let widest, widest.user > 0 {
            let user = max(widest.user, 4 + 1)
            let place = max(widest.place, 17 + 1)
            if rest >= user + place { return (user, rest - user) }
        }
        let user = max(4, rest * 2 / 5)
        return (user, max(4, rest - user))
    }
}
