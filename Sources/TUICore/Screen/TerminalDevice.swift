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
    /// Writes a control sequence to the terminal between two frames (OSC 52 for a copy). The
    /// caller made `bytes` safe: nothing from data is in them unencoded.
    func writeControl(_ bytes: [UInt8])
    /// Hands the terminal over to `body` (which runs a pager or an editor in the foreground):
    /// curses mode ends, `body` runs with no key read meanwhile, then curses mode comes back and
    /// the next frame is drawn whole. Keyboard signals (Ctrl-C, Ctrl-\, Ctrl-Z) go to the child.
    func handOver<Result>(_ body: () -> Result) -> Result
}
