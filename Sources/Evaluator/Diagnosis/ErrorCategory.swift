// MARK: - ErrorCategory

/// What went wrong in a case, in the one vocabulary every view, filter and export uses: a column
/// of `error_results.csv`, a wrong platform (counted by the reference, never written), or a format
/// failure (the prediction did not parse or score).
public enum ErrorCategory: Sendable, Hashable {
    /// An `error_results.csv` column.
    case column(ErrorColumn)
    /// The platform is wrong (a parsed prediction).
    case wrongPlatform
    /// The prediction did not parse or score (the `format` metric is 0).
    case formatFailure

    /// Every category: the CSV columns in CSV order, then wrong platform, then format failure (the
    /// order ties are broken in).
    public static let allCases: [ErrorCategory] = filterable + [.formatFailure]

    /// The categories a case can be filtered by in the error dimension (a format failure is a
    /// verdict of its own).
    public static let filterable: [ErrorCategory] = ErrorColumn.allCases.map(ErrorCategory.column) + [.wrongPlatform]

    /// The categories of one verdict: a format failure alone, or the wrong platform first and then
    /// the CSV columns the case is counted in.
    public static func of(_ verdict: CaseVerdict) -> [ErrorCategory] {
        if !verdict.format { return [.formatFailure] }
        return (verdict.errors.platform ? [.wrongPlatform] : []) + verdict.errorColumns.map(ErrorCategory.column)
    }

    /// A few characters for narrow columns: `F±`, `V`, `plat`, `fmt`...
    public var shortName: String {
        switch self {
        case .column(let c): return c.shortName
        case .wrongPlatform: return "plat"
        case .formatFailure: return "fmt"
        }
    }

    /// The name people read: the CSV column, `wrong platform` or `format failure`.
    public var label: String {
        switch self {
        case .column(let c): return c.rawValue
        case .wrongPlatform: return "wrong platform"
        case .formatFailure: return "format failure"
        }
    }

    /// Where the reference reports it: the CSV column, or why it has none.
    public var source: String {
        switch self {
        case .column(let c): return c.rawValue
        case .wrongPlatform: return "(not written)"
        case .formatFailure: return "(format metric)"
        }
    }

    /// What it really counts (the reference's column names are swapped).
    public var meaning: String {
        switch self {
        case .column(let c): return c.meaning
        case .wrongPlatform: return "wrong platform, counted but never written by the reference"
        case .formatFailure: return "format failure: the prediction did not parse or scoring raised"
        }
    }

    /// The bit of this category in a one-byte set (CSV columns 0–5, wrong platform 6, format
    /// failure 7), so 100,000 cases filter by category in a few milliseconds.
    public var bit: UInt8 {
        switch self {
        case .column(let c): return 1 << UInt8(ErrorColumn.allCases.firstIndex(of: c) ?? 0)
        case .wrongPlatform: return 1 << 6
        case .formatFailure: return 1 << 7
        }
    }

    /// The set of a verdict's categories as bits (``bit``).
    public static func bits(of verdict: CaseVerdict) -> UInt8 {
        of(verdict).reduce(0) { $0 | $1.bit }
    }
}
