import TUICore

// MARK: - Overlay

/// A full-screen layer over the panes, each with its own state.
public enum Overlay: Sendable, Equatable {
    /// `?`: every key; `scroll` is the first line shown.
    case help(scroll: Int)
    /// `r`: the selected case's JSON and prediction line.
    case raw(RawOverlay)
    /// `f`: every filter value as a toggleable row.
    case filter(FilterMenu)
    /// `o`: the scoring options.
    case options(cursor: Int)
    /// `d F w t p`: a summary view.
    case triage(TriageOverlay)
    /// `e`: the journal's entries, newest first.
    case edits(cursor: Int, top: Int)

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
    public var scroll = 0
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
    public var cursor = 0
    public var top = 0
    /// The laid-out rows, and what they were laid out for (nil: not yet).
    public var rows: [TriageRow] = []
    public var key: TriageRows.Key?

    public init(kind: TriageKind) {
        self.kind = kind
    }
}
