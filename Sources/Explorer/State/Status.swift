// MARK: - Status

/// The status bar's message, the loading state, and the two switches of the session's terminal.
public struct Status: Sendable, Equatable {
    /// A one-line message in the status bar (cleared by the next key).
    public var message: String?
    /// Shown until the data is loaded.
    public var loading = "loading…"
    /// Why the data could not be loaded.
    public var loadError: String?
    /// Whether mouse clicks and the wheel are read.
    public var mouse = false
    /// Set by `q`: the runtime stops after this frame.
    public var quit = false

    public init() {}
}
