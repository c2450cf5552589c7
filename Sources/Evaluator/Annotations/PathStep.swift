// MARK: - PathStep

/// One step of a path inside a gold field's JSON value: an object member or an array position.
public enum PathStep: Sendable, Hashable {
    case key(String)
    case index(Int)
}
