// MARK: - TerminalDevice

/// What a runtime needs from a terminal: its size, drawing a frame, reading a key.
/// The ncurses backend implements it; tests can drive a runtime through it too.
public protocol TerminalDevice: AnyObject {
    var width: Int { get }
    var height: Int { get }
    /// Writes what changed since the last frame.
    func draw(_ buffer: ScreenBuffer, theme: ResolvedTheme)
    /// The next key, or nil after `timeoutMilliseconds` (or an interrupting signal).
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// True once SIGINT, SIGTERM or SIGHUP arrived.
    var interrupted: Bool { get }
}
