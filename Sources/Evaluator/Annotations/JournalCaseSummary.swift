// MARK: - JournalCaseSummary

/// One annotated case of a journal as `ptscope annotations` lists it: its status, note, reason and
/// the numbers of the edits made on it.
public struct JournalCaseSummary: Sendable, Equatable {
    /// The case the edits name.
    public var key: CaseKey
    /// A ``CaseStatus`` raw value, `edited`, `unreviewed`, or `not applied` (replayed, none of its edits fit the data).
    public var status: String
    /// The note in effect, if any.
    public var note: String?
    /// The reason given with the status in effect, if any.
    public var reason: String?
    /// The `seq` of the edits on the case.
    public var edits: [Int]

    /// Makes a summary from its parts.
    public init(key: CaseKey, status: String, note: String? = nil, reason: String? = nil, edits: [Int]) {
        self.key = key
        self.status = status
        self.note = note
        self.reason = reason
        self.edits = edits
    }

    /// The `{"type": "case", ...}` JSON Lines record.
    public var json: String {
        JSONText.object([
            ("type", "\"case\""), ("split", JSONText.string(key.split)), ("index", String(key.index)),
            ("hash", JSONText.string(key.hash)), ("status", JSONText.string(status)),
            ("note", note.map(JSONText.string) ?? "null"), ("reason", reason.map(JSONText.string) ?? "null"),
            ("edits", "[" + edits.map(String.init).joined(separator: ", ") + "]"),
        ])
    }

    /// Every case the entries name, ordered by split, index and hash. With `annotations` (the entries
    /// replayed over the data) the replayed state; without, what the journal alone says: undo and redo
    /// decide which edits are in effect, the last status and note in effect win, and a case with gold
    /// edits in effect but no status is `edited`.
    public static func summaries(_ entries: [JournalEntry], _ annotations: Annotations?) -> [JournalCaseSummary] {
        var order: [CaseKey] = []
        var byKey: [CaseKey: [JournalEntry]] = [:]
        for e in entries {
            if byKey[e.key] == nil { order.append(e.key) }
            byKey[e.key, default: []].append(e)
        }
        order.sort { ($0.split, $0.index, $0.hash) < ($1.split, $1.index, $1.hash) }
        return order.map { key in
            let mine = byKey[key] ?? []
            if let annotations {
                guard let fixed = annotations.cases[key] else {
                    return JournalCaseSummary(key: key, status: "not applied", edits: mine.map(\.seq))
                }
                return JournalCaseSummary(
                    key: key, status: fixed.status.rawValue, note: fixed.note, reason: fixed.reason, edits: fixed.edits)
            }
            return journalOnly(key, mine)
        }
    }

    /// A case's summary from its own entries alone (no data to replay over).
    static func journalOnly(_ key: CaseKey, _ mine: [JournalEntry]) -> JournalCaseSummary {
        let effective = inEffect(mine)
        let lastStatus = effective.last { $0.status != nil }
        let note = effective.last { $0.note != nil }?.note
        let edited = effective.contains { !$0.changes.isEmpty }
        return JournalCaseSummary(
            key: key, status: lastStatus?.status?.rawValue ?? (edited ? "edited" : "unreviewed"),
            note: note?.isEmpty == true ? nil : note, reason: lastStatus?.reason, edits: mine.map(\.seq))
    }

    /// The entries of one case still in effect, in the order they apply: undo takes an entry out,
    /// redo puts it back; held entries (another annotator's version, from a merge) are never in effect.
    static func inEffect(_ mine: [JournalEntry]) -> [JournalEntry] {
        var byEntry: [Int: JournalEntry] = [:]
        var order: [Int] = []
        for e in mine where e.held == nil {
            switch e.kind {
            case .undo: if let u = e.undoOf { order.removeAll { $0 == u } }
            case .redo: if let u = e.undoOf, byEntry[u] != nil { order.append(u) }
            default:
                byEntry[e.seq] = e
                order.append(e.seq)
            }
        }
        return order.compactMap { byEntry[$0] }
    }
}
