import TUICore

// MARK: - Overlay

/// A full-screen layer over the panes, each with its own state.
public enum Overlay: Sendable, Equatable {
    /// `?`: every key, scrolled, the keys of where it was opened first.
    case help(HelpOverlay)
    /// `:messages`: every status message so far, newest first, scrolled.
    case messages(ScrollText)
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
    /// `a` in a comparison: which run's value to accept.
    case runChoice(RunChoice)
    /// `A`: a case's answer asked again, against gold and the recorded one.
    case reask(ReaskOverlay)

    /// Which overlay this is, without its state.
    public var kind: Kind {
        switch self {
        case .help: return .help
        case .messages: return .messages
        case .raw: return .raw
        case .filter: return .filter
        case .options: return .options
        case .triage(let t): return .triage(t.kind)
        case .edits: return .edits
        case .runChoice: return .runChoice
        case .reask: return .reask
        }
    }

    /// The overlays by name.
    public enum Kind: Sendable, Equatable {
        case help, messages, raw, filter, options, edits, runChoice, reask
        case triage(TriageKind)
    }
}

// MARK: - Moving

extension Overlay {
    /// Moves the overlay's cursor or scroll position by `motion`, `rows` rows shown; `entries` is
    /// the number of journal entries (the recent-edits list).
    public mutating func move(_ motion: Motion, rows: Int, entries: Int) {
        switch self {
        case .help(var help):
            help.scroll.scroll(motion, rows: rows)
            self = .help(help)
        case .messages(var scroll):
            scroll.scroll(motion, rows: rows)
            self = .messages(scroll)
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
        case .runChoice(var choice):
            choice.cursor.moveSelectable(motion, selectable: choice.selectable, count: choice.choices.count, rows: rows)
            self = .runChoice(choice)
        case .reask(var reask):
            reask.scroll.scroll(motion, lines: reask.lines.count, rows: rows)
            self = .reask(reask)
        }
    }

    /// The rows of the options overlay.
    static let optionCount = 6
}
