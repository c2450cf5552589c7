// MARK: - Status

/// The status bar's message, the loading state, and the two switches of the session's terminal.
public struct Status: Sendable, Equatable {
    /// A one-line message in the status bar (cleared by the next key).
    public var message: String?
    /// Every message shown so far, oldest first (at most ``logLimit``): `:messages` lists them in full.
    public var log: [String] = []
    /// How many messages the log keeps.
    public static let logLimit = 1000
    /// Shown until the data is loaded.
    public var loading = "loading…"
    /// Why the data could not be loaded.
    public var loadError: String?
    /// Whether mouse clicks and the wheel are read.
    public var mouse = false
    /// Set by `q`: the runtime stops after this frame.
    public var quit = false

    public init() {}

    /// Adds the current message to the log when it is new (not the last one logged).
    mutating func logMessage() {
        guard let message, message != log.last else { return }
        log.append(message)
        if log.count > Status.logLimit { log.removeFirst(log.count - Status.logLimit) }
    }
}
