// MARK: - Role

/// What a cell means; themes map roles to colours and attributes. Cells never store colours.
public enum Role: String, Sendable, CaseIterable, Codable, Hashable {
    case normal
    case muted
    case header
    case title
    case border
    case focusedBorder = "focused_border"
    case selection
    case pass
    case fail
    case format
    case gold
    case predicted
    case missing
    case extra
    case key
    case statusBar = "status_bar"
    /// A key letter in the status bar: the key's colour on the status bar's background, unless a
    /// theme says otherwise.
    case statusKey = "status_key"
    case match
    case errorSpan = "error_span"
    case warning
    case accent

    /// The role a role falls back to when a theme does not define it.
    public var fallback: Role? {
        switch self {
        case .normal: return nil
        case .title, .focusedBorder: return .header
        case .statusKey: return .key
        case .missing: return .fail
        case .extra: return .format
        case .match, .errorSpan: return .selection
        case .warning: return .format
        case .accent: return .header
        default: return .normal
        }
    }
}
