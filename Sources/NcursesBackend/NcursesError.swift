// MARK: - NcursesError

/// Why the terminal user interface could not start.
public enum NcursesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `newterm` failed: `TERM` is unset, unknown to terminfo, or unusable. Carries the value tried.
    case cannotOpenTerminal(term: String?)

    /// A one-line reason a person can act on.
    public var description: String {
        switch self {
        case .cannotOpenTerminal(let term?):
            return "cannot start the terminal interface: terminal type \"\(term)\" (TERM) is unknown "
                + "or unusable here; try TERM=xterm-256color, or use `ptscope score`"
        case .cannotOpenTerminal(nil):
            return "cannot start the terminal interface: TERM is not set; "
                + "try TERM=xterm-256color, or use `ptscope score`"
        }
    }
}
