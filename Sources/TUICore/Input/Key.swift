// MARK: - Key

/// One key press (or mouse event), independent of the terminal library that read it.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    case char(Character)
    /// Ctrl plus a letter (`ctrl("c")`).
    case ctrl(Character)
    /// Alt (Meta) plus a character (`alt("b")`): the terminal sends Esc and the character at once.
    /// Alt-Backspace is ``altBackspace``.
    case alt(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    /// The terminal was resized; the backend already knows the new size.
    case resize
    case mouse(MouseEvent)

    /// The name people read in help and the status bar.
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(c.uppercased())"
        case .alt("\u{7F}"): return "Alt-Backspace"
        case .alt(" "): return "Alt-Space"
        case .alt(let c): return "Alt-\(c)"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        case .mouse(let m): return "mouse \(m.kind) \(m.x),\(m.y)"
        }
    }
}

extension Key {
    /// Alt-Backspace (Esc then DEL or Ctrl-H from the terminal).
    public static let altBackspace = Key.alt("\u{7F}")
}

/// A mouse event in screen cells.
public struct MouseEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case click
        case wheelUp = "wheel-up"
        case wheelDown = "wheel-down"
    }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
