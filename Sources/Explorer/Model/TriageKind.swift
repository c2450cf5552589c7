// MARK: - TriageKind

/// The full-screen summary views: dashboard (`d`), failure patterns (`F`), users (`u`), tools
/// (`t`), the prompt the model saw (`p`) and the runs' leaderboard (`L`). Each is a list of rows; a row that covers cases is
/// selectable, and Enter shows exactly those cases in the list.
public enum TriageKind: String, Sendable, CaseIterable {
    case dashboard, patterns, users, tools, prompt
    /// Values several runs agree on that gold rejects (`S`), and failures every run shares.
    case suspects
    /// Every run's PTBench numbers side by side (``Triage/Leaderboard``).
    case leaderboard

    public var title: String {
        switch self {
        case .dashboard: return "Dashboard"
        case .patterns: return "Failure patterns"
        case .users: return "Users"
        case .tools: return "Tools"
        case .prompt: return "The prompt the model saw"
        case .suspects: return "Suspect gold"
        case .leaderboard: return "Leaderboard"
        }
    }
}
