// MARK: - ContextMode

/// What the context pane shows.
public enum ContextMode: Sendable, Equatable {
    case catalog, profile

    /// The pane's title.
    public var title: String { self == .catalog ? "Tool catalog" : "User profile" }
}
