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
