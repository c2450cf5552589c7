import TUICore

// MARK: - PaneLines

/// Laid-out lines of the case and context panes, and what they were laid out for: the cache key
/// holds everything the lines depend on, so lines are laid out again only when one of them changes.
public struct PaneLines: Sendable {
    /// What the lines were laid out for.
    public struct Key: Sendable, Equatable {
        var caseID: Int
        var detailWidth: Int
        var contextWidth: Int
        var contextMode: ContextMode
        var query: String
        /// ``Session/version``: scores, gold and options.
        var version: Int
        var glyphs: Glyphs
        /// The focused run (its part of the case pane is marked).
        var focusedRun = 0
        /// The runs shown side by side (several runs on a wide screen), nil: stacked.
        var sideBySide: RunPair?
        /// The compared pair (shown whole with the focused run; other runs in brief).
        var compared: RunPair?
    }

    public var key: Key
    public var detail: [Line]
    public var context: [Line]
    /// The context line a newly selected case opens at (the gold platform in the catalog).
    public var contextAnchor: Int
}
