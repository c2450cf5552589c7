// MARK: - CaseStatus

/// Where a case stands in review.
public enum CaseStatus: String, Sendable, Codable, CaseIterable {
    /// Nobody has looked at it, and its gold is the data's.
    case unreviewed
    /// Reviewed: the gold is right.
    case confirmed
    /// The gold was changed.
    case corrected
    /// Something is wrong that the edits do not fix (the reason says what).
    case flagged
}
