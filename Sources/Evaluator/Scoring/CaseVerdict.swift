// MARK: - CaseVerdict

/// Everything the reference computes for one case, plus the diagnosis.
public struct CaseVerdict: Sendable {
    /// Whether the prediction parsed and scored without raising (the `format` metric).
    public var format = false
    public var platforms = false
    public var toolNames = false
    public var toolParamNames = false
    public var toolParamValues = false
    public var overall = false
    public var queryParamsHit = 0
    public var profileParamsHit = 0
    public var errors = ErrorFlags()
    /// The reference's `error_analysis` raised although `evaluate` did not (a `**kw` argument tested
    /// with `in` against a string-valued parameter list): counted in `format` for accuracy but as a
    /// format error, in no column, for `error_results.csv`.
    public var errorAnalysisRaised = false
    /// Every finding, in the order the two passes met them.
    public var findings: [Finding] = []
    /// The parsed prediction, when it parsed.
    public var prediction: ParsedPrediction?

    public init() {}

    /// The `error_results.csv` columns this case is counted in (empty for a pass or a format failure).
    public var errorColumns: [ErrorColumn] { format && !errorAnalysisRaised ? ErrorColumn.columns(for: errors) : [] }

    /// Whether the case counts as parsed in `error_results.csv` (its hidden counts included).
    public var countsInErrorAnalysis: Bool { format && !errorAnalysisRaised }

    /// The first column, as PTBench's per-case view would name it.
    public var errorColumn: ErrorColumn? { errorColumns.first }

    /// The format failure, when there is one.
    public var formatFailure: FormatFailure? {
        for f in findings { if case .formatFailure(let x) = f { return x } }
        return nil
    }

    /// Problems only (no matches).
    public var problems: [Finding] { findings.filter(\.isProblem) }
}
