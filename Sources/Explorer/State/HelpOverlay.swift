import TUICore

// MARK: - HelpOverlay

/// The `?` overlay: scrolled, the keys of the place it was opened from first, and that place
/// (an overlay) to go back to when it closes.
public struct HelpOverlay: Sendable, Equatable {
    public var scroll = ScrollText()
    /// The keymap contexts whose keys come first (the focused pane's, or the overlay's).
    public var first: [KeyContext]
    /// The overlay `?` was pressed in, shown again when the help closes.
    public var back: Box<Overlay>?
    /// What `/` searched for (empty: no search): its matches are highlighted, `n`/`N` go to them.
    public var query = ""

    public init(first: [KeyContext], back: Overlay? = nil) {
        self.first = first
        self.back = back.map(Box.init)
    }
}

/// A value kept by reference, so an enum can hold itself (the help remembers the overlay below it).
public final class Box<Value: Sendable & Equatable>: Sendable, Equatable {
    public let value: Value

    public init(_ value: Value) { self.value = value }

    public static func == (a: Box, b: Box) -> Bool { a.value == b.value }
}
