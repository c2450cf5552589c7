import TUICore

// MARK: - RawOverlay

/// The raw view's lines (pretty-printing a big case takes a while: built once per open or
/// resize) and its scroll position.
public struct RawOverlay: Sendable, Equatable {
    public var lines: [Line]
    public var scroll = ScrollText()
    /// The overlay width the lines were wrapped for.
    public var width: Int
}
