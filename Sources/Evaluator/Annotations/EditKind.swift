// MARK: - EditKind

/// What an edit did; each is one journal line.
public enum EditKind: String, Sendable, Codable, CaseIterable {
    case addAlternative = "add_alternative"
    case removeAlternative = "remove_alternative"
    case editAlternative = "edit_alternative"
    case setPlatform = "set_platform"
    case renameFunction = "rename_function"
    case addFunction = "add_function"
    case removeFunction = "remove_function"
    case renameParameter = "rename_parameter"
    case addParameter = "add_parameter"
    case removeParameter = "remove_parameter"
    case moveParameter = "move_parameter"
    case setStatus = "set_status"
    case setNote = "set_note"
    case undo
    case redo
}
