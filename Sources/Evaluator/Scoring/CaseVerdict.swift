// MARK: - CaseVerdict

/// What the reference computes for one case, in a few bytes: the metric flags, the error flags and
/// the hit counts. What a person reads about the case (the findings, the parsed prediction) is a
/// ``CaseDiagnosis``, derived again from the raw prediction when a case is looked at
/// (``SplitScore/diagnosis(_:)``), so a scored run holds little more than its predictions.
public struct CaseVerdict: Sendable, Equatable {
    /// Whether the prediction parsed and scored without raising (the `format` metric).
    public var format = false
    public var platforms = false
    public var toolNames = false
    public var toolParamNames = false
    public var toolParamValues = false
    public var overall = false
    /// The reference's `error_analysis` raised although `evaluate` did not (a `**kw` argument tested
    /// with `in` against a string-valued parameter list): counted in `format` for accuracy but as a
    /// format error, in no column, for `error_results.csv`.
    public var errorAnalysisRaised = false
    public var errors = ErrorFlags()
    /// The kind of the format failure, when there is one (its message is in the diagnosis).
    public var formatFailureKind: FormatFailure.Kind?
    public var queryParamsHit = 0
    public var profileParamsHit = 0

    public init() {}

    /// The `error_results.csv` columns this case is counted in (empty for a pass or a format failure).
    public var errorColumns: [ErrorColumn] { format && !errorAnalysisRaised ? ErrorColumn.columns(for: errors) : [] }

    /// Whether the case counts as parsed in `error_results.csv` (its hidden counts included).
    public var countsInErrorAnalysis: Bool { format && !errorAnalysisRaised }

    /// The first column, as PTBench's per-case view would name it.
    public var errorColumn: ErrorColumn? { errorColumns.first }
}

// MARK: - CaseDiagnosis

/// A case's verdict with what the scorer found on the way: every finding and the parsed
/// prediction. Made when a case is scored and again, identically, when one is looked at; the
/// verdict's fields read through (`diagnosis.format`).
@dynamicMemberLookup
public struct CaseDiagnosis: Sendable {
    /// The flags and counts kept per case.
    public var verdict = CaseVerdict()
    /// Every finding, in the order the two passes met them.
    public var findings: [Finding] = []
    /// The parsed prediction, when it parsed.
    public var prediction: ParsedPrediction?

    public init() {}

    /// `verdict` with no findings and no parsed prediction (a verdict whose inputs are not at hand).
    public init(_ verdict: CaseVerdict) {
        self.verdict = verdict
    }

    /// The verdict's fields.
    public subscript<T>(dynamicMember path: WritableKeyPath<CaseVerdict, T>) -> T {
        get { verdict[keyPath: path] }
        set { verdict[keyPath: path] = newValue }
    }

    /// The verdict's computed fields.
    public subscript<T>(dynamicMember path: KeyPath<CaseVerdict, T>) -> T { verdict[keyPath: path] }

    /// The format failure, when there is one.
    public var formatFailure: FormatFailure? {
        for f in findings { if case .formatFailure(let x) = f { return x } }
        return nil
    }

    /// Problems only (no matches).
    public var problems: [Finding] { findings.filter(\.isProblem) }
}
