// MARK: - ScrollText

/// How far a pane of laid-out lines is scrolled: the index of its first shown line.
public struct ScrollText: Sendable, Equatable {
    /// The first line shown.
    public var offset: Int

    /// Scrolled to `offset`.
    public init(offset: Int = 0) { self.offset = offset }

    /// Scrolls by `motion` with `rows` rows shown, never above the first line; not clamped at the
    /// bottom, because the lines may not be laid out yet (``clamp(lines:rows:)`` does that once
    /// they are: `.last` then lands on the last page).
    public mutating func scroll(_ motion: Motion, rows: Int) {
        switch motion {
        case .first: offset = 0
        default: offset = max(0, ListCursor.add(offset, motion.delta(rows: rows)))
        }
    }

    /// Scrolls by `motion` and clamps to `lines` lines shown `rows` at a time.
    public mutating func scroll(_ motion: Motion, lines: Int, rows: Int) {
        scroll(motion, rows: rows)
        clamp(lines: lines, rows: rows)
    }

    /// Keeps the last page full: the offset is at most `lines - rows`, and never negative.
    public mutating func clamp(lines: Int, rows: Int) {
        offset = max(0, min(offset, lines - max(1, rows)))
    }

    /// The lines shown out of `lines`, as pane titles show them (" 3-10/40"); empty when every
    /// line fits in `rows`.
    public func position(lines: Int, rows: Int) -> String {
        ScrollText.position(offset: offset, lines: lines, rows: rows)
    }

    /// The text of a scroll position: " first-last/count" (one-based), empty when every line fits.
    public static func position(offset: Int, lines: Int, rows: Int) -> String {
        lines > rows ? " \(offset + 1)-\(min(lines, offset + rows))/\(lines)" : ""
    }
}
