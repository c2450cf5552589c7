import TUICore

// MARK: - Rendering helpers

/// `widget` rendered into a fresh `width`×`height` buffer, at `rect` (default: the whole buffer).
func rendered(_ widget: some Widget, _ width: Int, _ height: Int, in rect: Rect? = nil) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: width, height: height)
    widget.render(in: rect ?? buffer.area, into: &buffer)
    return buffer
}

/// `lines` joined as a frame's ``ScreenBuffer/text`` is (one row each).
func frame(_ lines: String...) -> String { lines.joined(separator: "\n") }

/// One letter per role, for ``ScreenBuffer/roleMap(_:)``: `.` normal, `s` selection, `a` accent,
/// `m` muted, `b` border, `F` focused border, `t` title, `h` header, `k` key, `S` status bar, `K` status-bar key.
func letter(_ role: Role) -> Character {
    switch role {
    case .normal: return "."
    case .selection: return "s"
    case .accent: return "a"
    case .muted: return "m"
    case .border: return "b"
    case .focusedBorder: return "F"
    case .title: return "t"
    case .header: return "h"
    case .key: return "k"
    case .statusBar: return "S"
    case .statusKey: return "K"
    default: return "?"
    }
}
