// MARK: - NcursesError

/// Why the terminal user interface could not start.
public enum NcursesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `newterm` failed: `TERM` is unset, unknown to terminfo, or unusable. Carries the value tried.
    case cannotOpenTerminal(term: String?)
    /// The terminal cannot move the cursor (no `cup` in its terminfo entry, as `TERM=dumb`): a
    /// full-screen interface cannot draw on it. Carries `TERM`.
    case cannotAddressCursor(term: String?)

    /// A one-line reason a person can act on.
    public var description: String {
        switch self {
        case .cannotOpenTerminal(let term?):
            return "cannot start the terminal interface: terminal type \"\(term)\" (TERM) is unknown "
                + "or unusable here; try TERM=xterm-256color, or use `ptscope score`"
        case .cannotOpenTerminal(nil):
            return "cannot start the terminal interface: TERM is not set; "
                + "try TERM=xterm-256color, or use `ptscope score`"
        case .cannotAddressCursor(let term):
            return "terminal type \"\(term ?? "")\" (TERM) cannot move the cursor (its terminfo entry has no cup), "
                + "so the explorer cannot draw on it"
        }
    }
}
