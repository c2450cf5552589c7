// MARK: - Metric

/// A column of `acc_results.csv`, in the reference's order.
public enum Metric: String, Sendable, CaseIterable, Codable {
    case format, platforms
    case toolNames = "tool_names"
    case toolParamNames = "tool_param_names"
    case toolParamValues = "tool_param_values"
    case queryParams = "query_params"
    case profileParams = "profile_params"
    case overall

    /// The metrics a single case passes or fails (pass@k counts them); the parameter ratios are
    /// hits over parameters, not a case's verdict.
    public static var perCase: [Metric] { [.format, .platforms, .toolNames, .toolParamNames, .toolParamValues, .overall] }

    /// Whether `v` passes this metric, as `acc_results.csv` counts it (a flag counts only when the
    /// prediction has the format); nil for the parameter ratios.
    public func passes(_ v: CaseVerdict) -> Bool? {
        switch self {
        case .format: return v.format
        case .platforms: return v.format && v.platforms
        case .toolNames: return v.format && v.toolNames
        case .toolParamNames: return v.format && v.toolParamNames
        case .toolParamValues: return v.format && v.toolParamValues
        case .overall: return v.format && v.overall
        case .queryParams, .profileParams: return nil
        }
    }

    /// What the metric measures.
    public var meaning: String {
        switch self {
        case .format: return "predictions that parse and score without raising"
        case .platforms: return "exact, case-sensitive platform"
        case .toolNames: return "every predicted and gold function name matches"
        case .toolParamNames: return "names right and parameter names right both ways"
        case .toolParamValues: return "names right and every value accepted"
        case .queryParams: return "values from the query that were matched / all query parameters"
        case .profileParams: return "values from the profile that were matched / all profile parameters"
        case .overall: return "platform right and every value accepted"
        }
    }
}
