// MARK: - ErrorColumn

/// A column of `error_results.csv`.
public enum ErrorColumn: String, Sendable, CaseIterable, Codable {
    case funcWrong = "func_wrong_error"
    case funcMissing = "func_missing_error"
    case funcExcessive = "func_excessive_error"
    case paramMissing = "param_missing_error"
    case paramExcessive = "param_excessive_error"
    case value = "value_error"

    /// What the column really counts (the reference's names are swapped).
    public var meaning: String {
        switch self {
        case .funcWrong: return "an extra and a missing function"
        case .funcMissing: return "an extra function (despite the name)"
        case .funcExcessive: return "a missing function (despite the name)"
        case .paramMissing: return "an extra parameter (despite the name)"
        case .paramExcessive: return "a missing parameter (despite the name)"
        case .value: return "a wrong parameter value"
        }
    }

    /// A short label for narrow columns.
    public var shortName: String {
        switch self {
        case .funcWrong: return "F±"
        case .funcMissing: return "F+"
        case .funcExcessive: return "F-"
        case .paramMissing: return "P+"
        case .paramExcessive: return "P-"
        case .value: return "V"
        }
    }

    /// Every column a case with `flags` is counted in, in CSV order (two when a parameter is both extra and missing).
    public static func columns(for e: ErrorFlags) -> [ErrorColumn] {
        let funcError = e.funcLack || e.funcExcess
        let paramError = e.paramLack || e.paramExcess
        var out: [ErrorColumn] = []
        if e.funcLack && e.funcExcess { out.append(.funcWrong) }
        if e.funcLack && !e.funcExcess { out.append(.funcMissing) }
        if e.funcExcess && !e.funcLack { out.append(.funcExcessive) }
        if e.paramLack && !funcError { out.append(.paramMissing) }
        if e.paramExcess && !funcError { out.append(.paramExcessive) }
        if e.value && !funcError && !paramError { out.append(.value) }
        return out
    }
}
