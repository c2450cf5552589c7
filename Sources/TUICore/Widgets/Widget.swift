// MARK: - Widget

/// Something that draws itself into a rectangle of a screen buffer.
///
/// Rendering is pure: a widget reads its own fields and writes cells inside `rect` only. Cursor
/// and scroll positions are clamped before rendering (in `reduce`), never by `render`.
public protocol Widget {
    /// Draws the widget into `rect` of `buffer`.
    func render(in rect: Rect, into buffer: inout ScreenBuffer)
}
