// MARK: - ListCursor

/// The highlighted row of a list and the first row shown, kept inside the list and on screen.
///
/// Every method takes the list's `count` and the `rows` shown (fewer than one counts as one), so the
/// cursor never holds a size of its own: the same value survives a resize or a filter and is
/// clamped again by whoever changes either.
public struct ListCursor: Sendable, Equatable {
    /// The highlighted row.
    public var index: Int
    /// The first row shown.
    public var top: Int

    /// A cursor at `index` with `top` the first row shown.
    public init(index: Int = 0, top: Int = 0) {
        self.index = index
        self.top = top
    }

    // MARK: - Moving over every row

    /// Moves the index by `motion` within `0..<count` and scrolls so it stays on screen.
    public mutating func move(_ motion: Motion, count: Int, rows: Int) {
        switch motion {
        case .first: index = 0
        case .last: index = count - 1
        default: index = max(0, ListCursor.add(index, motion.delta(rows: rows)))
        }
        clamp(count: count, rows: rows)
    }

    /// Puts the index inside `0..<count` (0 when empty) and scrolls the least that shows it;
    /// `top` never leaves rows empty below the last row.
    public mutating func clamp(count: Int, rows: Int) {
        let rows = max(1, rows)
        index = min(max(0, index), max(0, count - 1))
        if index < top { top = index }
        if index >= top + rows { top = index - rows + 1 }
        top = min(max(0, top), max(0, count - rows))
    }

    /// Puts the index inside `0..<count` and `top` inside the list, without scrolling to the index
    /// (after a wheel scroll, which chose `top` itself).
    public mutating func clampKeepingTop(count: Int, rows: Int) {
        let rows = max(1, rows)
        index = min(max(0, index), max(0, count - 1))
        top = min(max(0, top), max(0, count - rows))
    }

    /// A wheel scroll: moves `top` by `delta` rows and drags the index along so it stays among the
    /// rows shown.
    public mutating func scroll(by delta: Int, count: Int, rows: Int) {
        top = max(0, ListCursor.add(top, delta))
        index = min(max(index, top), top + max(0, rows - 1))
        clampKeepingTop(count: count, rows: rows)
    }

    /// A click on the `row`-th row shown (0: the first): selects it when it holds a row of the list.
    public mutating func click(row: Int, count: Int, rows: Int) {
        if row >= 0 && top + row < count { index = top + row }
        clamp(count: count, rows: rows)
    }

    // MARK: - Moving over selectable rows

    /// Moves to the nearest selectable row in the direction of travel, `selectable` being the
    /// ascending indices of the rows that can be selected (headings and notes are not).
    ///
    /// The target is `index` moved by `motion` within `0..<count`; the cursor takes the first
    /// selectable row at or after it going down (the last one when there is none), the last at
    /// or before it going up (the first when there is none). Moving above the rows shown puts
    /// `top` one row above the cursor (its heading shows); reaching the first selectable row going
    /// up shows the list from its start. With nothing selectable the list scrolls instead.
    public mutating func moveSelectable(_ motion: Motion, selectable: [Int], count: Int, rows: Int) {
        let rows = max(1, rows)
        let delta = motion.delta(rows: rows)
        guard let first = selectable.first, let last = selectable.last else {
            top = min(max(0, ListCursor.add(top, delta)), max(0, count - rows))
            return
        }
        let target = min(max(0, ListCursor.add(index, delta)), count - 1)
        if delta >= 0 {
            let at = ListCursor.firstIndex(in: selectable) { $0 >= target }
            index = at < selectable.count ? selectable[at] : last
        } else {
            let at = ListCursor.firstIndex(in: selectable) { $0 > target }
            index = at > 0 ? selectable[at - 1] : first
        }
        if index < top { top = max(0, index - 1) }
        if index >= top + rows { top = index - rows + 1 }
        if delta < 0 && index == first { top = 0 }
    }

    /// Steps over selectable rows: `motion` counts selectable rows, not rows (a page moves
    /// `rows - 1` of them), and stops at the first or last selectable row; the ends go to the first
    /// and the last selectable row. Then scrolls the least that shows the index.
    public mutating func stepSelectable(_ motion: Motion, selectable: [Int], rows: Int) {
        let rows = max(1, rows)
        if let first = selectable.first, let last = selectable.last {
            switch motion {
            case .first: index = first
            case .last: index = last
            default:
                let delta = motion.delta(rows: rows)
                if delta > 0 {
                    // Selectable rows after the index: the delta-th of them, or the last.
                    let after = ListCursor.firstIndex(in: selectable) { $0 > index }
                    if after < selectable.count {
                        index = delta >= selectable.count - after ? last : selectable[after + delta - 1]
                    }
                } else if delta < 0 {
                    let before = ListCursor.firstIndex(in: selectable) { $0 >= index }
                    if before > 0 { index = delta.magnitude >= UInt(before) ? first : selectable[before + delta] }
                }
            }
        }
        if index < top { top = index }
        if index >= top + rows { top = index - rows + 1 }
    }

    // MARK: - Position

    /// The rows shown out of `count`, as pane titles show them (" 3-10/40"); empty when every row
    /// fits.
    public func position(count: Int, rows: Int) -> String {
        ScrollText.position(offset: top, lines: count, rows: rows)
    }

    // MARK: - Helpers

    /// `a + b`, saturating instead of overflowing.
    static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max : Int.min) : sum
    }

    /// The first position in ascending `sorted` where `isAfter` holds (binary search).
    static func firstIndex(in sorted: [Int], where isAfter: (Int) -> Bool) -> Int {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isAfter(sorted[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Whether `row` is in the ascending `selectable` (nil: every row is).
    static func isSelectable(_ row: Int, _ selectable: [Int]?) -> Bool {
        guard let selectable else { return true }
        let at = firstIndex(in: selectable) { $0 >= row }
        return at < selectable.count && selectable[at] == row
    }
}
