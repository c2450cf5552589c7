// MARK: - BenchmarkCase

/// One case of a split, with what scoring needs decoded and the rest kept as byte ranges.
public struct BenchmarkCase: Sendable {
    /// The split's folder name (`test_untrained_user`).
    public let split: String
    /// 0-based position in the split's `data.json`.
    public let index: Int
    /// 1-based line where the case starts in `data.json`.
    public let line: Int
    public let query: String?
    public let answer: JSONValue
    public let queryParams: JSONValue
    public let profileParams: JSONValue
    /// Byte range of the whole case object in `data.json`.
    public let byteRange: Range<Int>
    /// Byte ranges of the values kept undecoded (`user_profile`, `platforms`, `tools`).
    public let rawRanges: [String: Range<Int>]
    /// A hash of the user profile's content (whitespace outside strings ignored): the user's identity.
    public let userKey: UInt64

    /// `len(query_params)` as Python computes it.
    public var queryParamCount: Int { CaseFields.pyLength(queryParams) ?? 0 }
    public var profileParamCount: Int { CaseFields.pyLength(profileParams) ?? 0 }
}

enum CaseFields {
    static let required = ["answer", "query_params", "profile_params"]
    static let kept = ["user_profile", "platforms", "tools"]

    /// Python's `len()` for a JSON value, nil where it would raise.
    static func pyLength(_ v: JSONValue) -> Int? {
        switch v {
        case .array(let a): return a.count
        case .string(let s): return s.count
        case .object(let o): return o.pythonMembers.count
        default: return nil
        }
    }
}
