// MARK: - GoldChange

/// One change to a gold field: the value at `path` goes from `before` to `after`.
///
/// A nil `before` inserts (an array element at that position, shifting the rest, or a new object
/// member, appended); a nil `after` deletes (an array element, or every member of that name).
public struct GoldChange: Sendable, Equatable {
    public var field: GoldField
    public var path: [PathStep]
    public var before: JSONValue?
    public var after: JSONValue?

    public init(field: GoldField, path: [PathStep], before: JSONValue?, after: JSONValue?) {
        self.field = field
        self.path = path
        self.before = before
        self.after = after
    }

    /// The change that undoes this one.
    public var inverse: GoldChange { GoldChange(field: field, path: path, before: after, after: before) }

    /// Where the change applies, for people: `platform`, `search.city`, `search.city[2]`, `query_params[0]`.
    public var place: String {
        guard field == .answer else { return field.rawValue + path.map(GoldChange.stepText).joined() }
        switch path.first {
        case .index(0)? where path.count == 1: return "platform"
        case .index(1)?:
            if path.count == 1 { return "functions" }
            guard case .index(let k) = path[1] else { break }
            if path.count == 2 { return "function #\(k)" }
            guard case .key(let function) = path[2] else { break }
            return function + path.dropFirst(3).map(GoldChange.memberText).joined()
        default: break
        }
        return "answer" + path.map(GoldChange.stepText).joined()
    }

    /// A short one-line summary: `search.city[2]: + 'Paris'`, `platform: 'A' → 'B'`.
    public func summary(limit: Int = 40) -> String {
        func shown(_ v: JSONValue) -> String { GoldChange.short(v, limit: limit) }
        switch (before, after) {
        case (nil, let a?): return "\(place): + \(shown(a))"
        case (let b?, nil): return "\(place): − \(shown(b))"
        case (let b?, let a?): return "\(place): \(shown(b)) → \(shown(a))"
        case (nil, nil): return "\(place): (nothing)"
        }
    }

    /// A value in Python's notation (as PTBench's gold is read), cut to `limit` characters.
    public static func short(_ v: JSONValue, limit: Int = 40) -> String {
        let text = PyRepr.value(PyValue(json: v))
        guard text.count > limit, limit > 1 else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    static func stepText(_ step: PathStep) -> String {
        switch step {
        case .key(let k): return "[" + JSONText.string(k) + "]"
        case .index(let i): return "[\(i)]"
        }
    }

    static func memberText(_ step: PathStep) -> String {
        switch step {
        case .key(let k): return "." + k
        case .index(let i): return "[\(i)]"
        }
    }
}
