import Evaluator

// MARK: - CaseSummary

/// What filters and counts need of a verdict, in a few bytes (so 100,000 cases filter in a frame).
public struct CaseSummary: Sendable, Equatable {
    public var verdict: Filter.Verdict
    /// The case's error categories (``ErrorCategory/bit``).
    public var errorBits: UInt8

    public init(_ v: CaseVerdict) {
        verdict = Filter.verdict(v)
        errorBits = ErrorCategory.bits(of: v)
    }

    /// Whether the case has this error.
    public func has(_ category: ErrorCategory) -> Bool { errorBits & category.bit != 0 }

    public var isFailing: Bool { verdict == .fail || verdict == .format }
}
