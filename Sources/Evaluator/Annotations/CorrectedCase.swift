// MARK: - CorrectedCase

/// A case's gold after the journal's edits, with its review status and note.
public struct CorrectedCase: Sendable, Equatable {
    public var answer: JSONValue
    public var queryParams: JSONValue
    public var profileParams: JSONValue
    /// The last status set; without one, `corrected` when the gold differs from the data, else `unreviewed`.
    public var status: CaseStatus
    public var note: String?
    /// The reason given with the current status (why it is flagged).
    public var reason: String?
    /// The sequence numbers of the journal entries applied to this case, in order (undo and redo included).
    public var edits: [Int]
    /// Whether the gold differs from the data's.
    public var goldChanged: Bool
    /// The status set by an edit; nil: derived from the gold.
    var explicitStatus: CaseStatus?

    /// The case as the data has it: no edits, unreviewed.
    public init(_ c: BenchmarkCase) {
        answer = c.answer
        queryParams = c.queryParams
        profileParams = c.profileParams
        status = .unreviewed
        edits = []
        goldChanged = false
    }

    /// The current value of one gold field.
    public func value(_ field: GoldField) -> JSONValue {
        switch field {
        case .answer: return answer
        case .queryParams: return queryParams
        case .profileParams: return profileParams
        }
    }

    mutating func set(_ field: GoldField, _ value: JSONValue) {
        switch field {
        case .answer: answer = value
        case .queryParams: queryParams = value
        case .profileParams: profileParams = value
        }
    }

    /// What undo and redo restore besides the gold.
    struct Meta: Sendable, Equatable {
        var explicitStatus: CaseStatus?
        var status: CaseStatus
        var reason: String?
        var note: String?
    }

    var meta: Meta { Meta(explicitStatus: explicitStatus, status: status, reason: reason, note: note) }
}
