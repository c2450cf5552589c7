import Evaluator

// MARK: - SessionOptions

/// The `o` options and the prompt view's template.
public struct SessionOptions: Sendable {
    /// How predictions are read (reference or lenient, reference or JSON format).
    public var scorer = Scorer.Options()
    /// Score against the corrected gold (the journal's edits) rather than the original.
    public var useCorrectedGold = true
    /// After a verdict (confirm / flag), jump to the next failing case.
    public var autoAdvance = false
    /// Show the summary views' metrics as the CSV files' exact values instead of percentages.
    public var exactValues = false
    /// Show every accuracy of the dashboard with its 95 % Wilson interval (`:set ci`).
    public var confidenceIntervals = false
    /// Which prompt the prompt view shows (index in ``TriageRows/promptNames``).
    public var promptTemplate = 0
    /// The suspect-gold queue's K: values at least this many runs agree on (nil: half the runs,
    /// at least 2; `:set suspect K`, `+`/`-` in the view).
    public var suspectAgreement: Int?

    public init() {}
}
