// MARK: - ParamSource

/// Where a gold parameter's value comes from, by `query_params` / `profile_params`.
public enum ParamSource: String, Sendable, Codable {
    case query, profile, neither
}
