// MARK: - PredictionLine

/// One line of `generation.jsonl`: the model's raw text, or why the line is unusable.
public enum PredictionLine: Sendable {
    case text(String)
    /// `predict` is present but not a string (the reference then counts a format failure).
    case notText(JSONValue)
    /// The line is blank, not JSON, or has no `predict` (the reference would crash).
    case unusable(String)
    /// The text holds a lone surrogate (`\ud800`): Python cannot encode it, so it is a format failure.
    case loneSurrogate(String)
}
