// MARK: - JSONSyntaxError

/// Malformed JSON: what was expected and the byte offset where reading stopped.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// Byte offset into the text that was read.
    public let offset: Int
    /// What was wrong, in Python's `json` terms ("Expecting ',' delimiter").
    public let message: String
}
