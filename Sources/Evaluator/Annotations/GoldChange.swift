// MARK: - GoldField

/// One of the three gold fields of a PTBench case that annotation may change.
public enum GoldField: String, Sendable, Codable, CaseIterable {
    case answer
    case queryParams = "query_params"
    case profileParams = "profile_params"
}

// MARK: - PathStep

/// One step of a path inside a gold field's JSON value: an object member or an array position.
public enum PathStep: Sendable, Hashable {
    case key(String)
    case index(Int)
}

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

// MARK: - CaseKey

/// Identifies a case across runs: its split, its position, and a hash of its original bytes.
public struct CaseKey: Sendable, Hashable, CustomStringConvertible {
    public var split: String
    public var index: Int
    /// FNV-1a 64 of the case object's bytes in `data.json`, as 16 lowercase hex digits.
    public var hash: String

    public init(split: String, index: Int, hash: String) {
        self.split = split
        self.index = index
        self.hash = hash
    }

    /// The key of `c`, hashing its bytes in `split`.
    public static func of(_ c: BenchmarkCase, in split: SplitData) -> CaseKey {
        CaseKey(split: split.name, index: c.index, hash: hash(split.bytes, c.byteRange))
    }

    /// FNV-1a 64 of `bytes[range]` in hex.
    static func hash(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for k in range where k < buffer.count { h = (h ^ UInt64(buffer[k])) &* 0x100_0000_01b3 }
        }
        let digits = String(h, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// `test_trained_user #12`.
    public var description: String { "\(split) #\(index)" }
}
