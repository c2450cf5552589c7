import TUICore

// MARK: - Overlay

/// A full-screen layer over the panes, each with its own state.
public enum Overlay: Sendable, Equatable {
    /// `?`: every key, scrolled.
    case help(ScrollText)
    /// `r`: the selected case's JSON and prediction line.
    case raw(RawOverlay)
    /// `f`: every filter value as a toggleable row.
    case filter(FilterMenu)
    /// `o`: the scoring options.
    case options(cursor: Int)
    /// `d F w t p`: a summary view.
    case triage(TriageOverlay)
    /// `e`: the journal's entries, newest first.
    case edits(ListCursor)

    /// Which overlay this is, without its state.
    public var kind: Kind {
        switch self {
        case .help: return .help
        case .raw: return .raw
        case .filter: return .filter
        case .options: return .options
        case .triage(let t): return .triage(t.kind)
        case .edits: return .edits
        }
    }

    /// The overlays by name.
    public enum Kind: Sendable, Equatable {
        case help, raw, filter, options, edits
        case triage(TriageKind)
    }
}

// MARK: - RawOverlay

/// The raw view's lines (pretty-printing a big case takes a while: built once per open or
/// resize) and its scroll position.
public struct RawOverlay: Sendable, Equatable {
    public var lines: [Line]
    public var scroll = ScrollText()
    /// The overlay width the lines were wrapped for.
    public var width: Int
}

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

// MARK: - Moving

extension Overlay {
    /// Moves the overlay's cursor or scroll position by `motion`, `rows` rows shown; `entries` is
    /// the number of journal entries (the recent-edits list).
    public mutating func move(_ motion: Motion, rows: Int, entries: Int) {
        switch self {
        case .help(var scroll):
            scroll.scroll(motion, rows: rows)
            self = .help(scroll)
        case .raw(var raw):
            raw.scroll.scroll(motion, lines: raw.lines.count, rows: rows)
            self = .raw(raw)
        case .filter(var menu):
            menu.move(motion, rows: rows)
            self = .filter(menu)
        case .options(let cursor):
            self = .options(cursor: min(Overlay.optionCount - 1, max(0, cursor &+ motion.delta(rows: Overlay.optionCount))))
        case .triage(var t):
            t.cursor.moveSelectable(motion, selectable: t.selectable, count: t.rows.count, rows: rows)
            self = .triage(t)
        case .edits(var cursor):
            cursor.move(motion, count: entries, rows: rows)
            self = .edits(cursor)
        }
    }

    /// The rows of the options overlay.
    static let optionCount = 4
}
