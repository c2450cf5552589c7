// MARK: - Finding

/// One thing the scorer found about a case, in plain terms.
public enum Finding: Sendable {
    case wrongPlatform(gold: PyValue, predicted: PyValue)
    case extraFunction(name: String)
    case missingFunction(name: PyValue)
    case extraParameter(function: String, parameter: String?, value: PyValue, source: ParamSource)
    case missingParameter(function: String, parameter: PyValue, accepted: PyValue, source: ParamSource)
    case valueMismatch(
        function: String, parameter: String, predicted: PyValue, accepted: PyValue, rule: MatchRule, source: ParamSource)
    case valueMatch(
        function: String, parameter: String, predicted: PyValue, accepted: PyValue, rule: MatchRule, source: ParamSource)
    case formatFailure(FormatFailure)
    case comparisonRaised(function: String, parameter: String, predicted: PyValue, accepted: PyValue, exception: PyException)

    /// One line for people.
    public var sentence: String {
        switch self {
        case .wrongPlatform(let g, let p):
            return "wrong platform: gold \(PyRepr.value(g)), predicted \(PyRepr.value(p))"
        case .extraFunction(let n): return "extra function \(n)"
        case .missingFunction(let n): return "missing function \(Finding.plain(n))"
        case .extraParameter(let f, let p, let v, _):
            return "extra parameter \(f).\(p ?? "**") = \(PyRepr.value(v))"
        case .missingParameter(let f, let p, let a, let s):
            return "missing parameter \(f).\(Finding.plain(p)) (gold \(PyRepr.value(a)), from \(s.rawValue))"
        case .valueMismatch(let f, let p, let v, let a, let r, let s):
            return "value mismatch \(f).\(p): predicted \(PyRepr.value(v)), accepted \(PyRepr.value(a))"
                + " (\(r.phrase); from \(s.rawValue))"
        case .valueMatch(let f, let p, let v, _, let r, _):
            return "match \(f).\(p) = \(PyRepr.value(v)) (\(r.phrase))"
        case .formatFailure(let failure):
            return "format failure: \(failure.message)"
        case .comparisonRaised(let f, let p, let v, let a, let x):
            return "comparison raised in the reference: \(f).\(p) predicted \(PyRepr.value(v)) against \(PyRepr.value(a)): \(x)"
        }
    }

    /// A stable kind name for grouping and JSON.
    public var kind: String {
        switch self {
        case .wrongPlatform: return "wrong_platform"
        case .extraFunction: return "extra_function"
        case .missingFunction: return "missing_function"
        case .extraParameter: return "extra_parameter"
        case .missingParameter: return "missing_parameter"
        case .valueMismatch: return "value_mismatch"
        case .valueMatch: return "value_match"
        case .formatFailure: return "format_failure"
        case .comparisonRaised: return "comparison_raised"
        }
    }

    /// Whether this finding is a problem (matches are not).
    public var isProblem: Bool { if case .valueMatch = self { return false } else { return true } }

    static func plain(_ v: PyValue) -> String { v.stringValue ?? PyRepr.value(v) }
}
