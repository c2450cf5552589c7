// MARK: - GoldField

/// One of the three gold fields of a PTBench case that annotation may change.
public enum GoldField: String, Sendable, Codable, CaseIterable {
    case answer
    case queryParams = "query_params"
    case profileParams = "profile_params"
}
