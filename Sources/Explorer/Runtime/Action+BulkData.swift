// MARK: - Bulk data

extension Action {
    /// Whether reducing this action drops a large earlier value (the data of a reload, the
    /// verdicts of a re-score), whose memory should go back to the system.
    var replacesBulkData: Bool {
        switch self {
        case .loaded, .scored: return true
        default: return false
        }
    }
}
