// MARK: - EditStep

/// An edit about to be recorded: everything a journal line holds except its number, time and author.
public struct EditStep: Sendable, Equatable {
    public var kind: EditKind
    public var key: CaseKey
    public var changes: [GoldChange]
    /// The case's status after this edit (nil: unchanged).
    public var status: CaseStatus?
    /// The case's note after this edit (nil: unchanged; empty: cleared).
    public var note: String?
    /// Why: the justification of a gold edit, or the reason given with a status (a flag's reason).
    public var reason: String?
    /// For `undo` and `redo`: the sequence number of the edit undone or redone.
    public var undoOf: Int?

    public init(
        kind: EditKind, key: CaseKey, changes: [GoldChange] = [], status: CaseStatus? = nil, note: String? = nil,
        reason: String? = nil, undoOf: Int? = nil
    ) {
        self.kind = kind
        self.key = key
        self.changes = changes
        self.status = status
        self.note = note
        self.reason = reason
        self.undoOf = undoOf
    }
}

// MARK: - Held

/// Why a merged journal's entry is held back from replay (``JournalEntry/held``).
public enum Held: String, Sendable, Equatable {
    /// Another annotator left the case in a different state: to be adjudicated.
    case conflict
    /// Another annotator left the case in the same state already (kept for the record and agreement).
    case agreement
}

// MARK: - JournalEntry

/// One line of the annotations journal: one edit of one case.
public struct JournalEntry: Sendable, Equatable {
    /// The newest journal format version this ptscope reads. Lines are written as version 1 unless
    /// they are held for adjudication (``held``, version 2), so older ptscopes keep reading the rest.
    public static let formatVersion = 2
    /// The largest sequence number a journal may hold: 2^53 − 1, the largest integer every JSON
    /// reader keeps exactly. A line with a larger (or a non-positive) one is skipped as unreadable.
    public static let maxSeq = 9_007_199_254_740_991

    /// 1, 2, 3... in the order the edits were made; replay follows it.
    public var seq: Int
    /// When, in ISO 8601 UTC (`2025-04-11T19:00:00.000Z`).
    public var time: String
    public var author: String
    public var key: CaseKey
    public var kind: EditKind
    public var changes: [GoldChange]
    public var status: CaseStatus?
    public var note: String?
    public var reason: String?
    public var undoOf: Int?
    /// Set by `ptscope annotations merge` on the edits of a case that an earlier journal of the merge
    /// already annotates: kept with its author, not applied on replay, shown for adjudication.
    public var held: Held?

    public init(
        seq: Int, time: String, author: String, key: CaseKey, kind: EditKind, changes: [GoldChange] = [],
        status: CaseStatus? = nil, note: String? = nil, reason: String? = nil, undoOf: Int? = nil, held: Held? = nil
    ) {
        self.seq = seq
        self.time = time
        self.author = author
        self.key = key
        self.kind = kind
        self.changes = changes
        self.status = status
        self.note = note
        self.reason = reason
        self.undoOf = undoOf
        self.held = held
    }

    /// The edit this entry records, without its number, time and author.
    public var step: EditStep {
        EditStep(kind: kind, key: key, changes: changes, status: status, note: note, reason: reason, undoOf: undoOf)
    }

    // MARK: Encoding

    /// The entry as one JSON line (no newline), `"v"` first.
    public var jsonLine: String {
        var parts: [(String, String)] = [
            ("v", held == nil ? "1" : "2"), ("seq", String(seq)), ("time", JSONText.string(time)),
            ("author", JSONText.string(author)), ("split", JSONText.string(key.split)), ("index", String(key.index)),
            ("hash", JSONText.string(key.hash)), ("kind", JSONText.string(kind.rawValue)),
            ("changes", "[" + changes.map(JournalEntry.encode).joined(separator: ", ") + "]"),
        ]
        if let status { parts.append(("status", JSONText.string(status.rawValue))) }
        if let note { parts.append(("note", JSONValue.string(note).dumps)) }
        if let reason { parts.append(("reason", JSONValue.string(reason).dumps)) }
        if let undoOf { parts.append(("undo_of", String(undoOf))) }
        if let held { parts.append(("held", JSONText.string(held.rawValue))) }
        return JSONText.object(parts)
    }

    static func encode(_ change: GoldChange) -> String {
        let path = change.path.map { step -> String in
            switch step {
            case .key(let k): return JSONValue.string(k).dumps
            case .index(let i): return String(i)
            }
        }
        var parts = [("field", JSONText.string(change.field.rawValue)), ("path", "[" + path.joined(separator: ", ") + "]")]
        if let before = change.before { parts.append(("before", before.dumps)) }
        if let after = change.after { parts.append(("after", after.dumps)) }
        return JSONText.object(parts)
    }

    // MARK: Decoding

    /// Why a journal line cannot be read.
    enum LineError: Error {
        /// Not an entry (the reason says why).
        case unreadable(String)
        /// Written by a newer ptscope.
        case newerVersion(Int)
    }

    static let knownKeys: Set<String> = [
        "v", "seq", "time", "author", "split", "index", "hash", "kind", "changes", "status", "note", "reason", "undo_of", "held",
    ]

    /// Reads one journal line; `unknownKeys` collects member names this version does not know.
    static func decode(_ line: ArraySlice<UInt8>, unknownKeys: inout [String]) throws(LineError) -> JournalEntry {
        let value: JSONValue
        do { value = try JSONReader.parse(Array(line)) } catch { throw .unreadable("malformed JSON: \(error.message)") }
        guard case .object(let object) = value else { throw .unreadable("expected a JSON object") }
        guard let version = integer(object["v"]) else { throw .unreadable("no format version \"v\"") }
        if version > formatVersion { throw .newerVersion(version) }
        unknownKeys = object.members.map(\.key).filter { !knownKeys.contains($0) }
        func text(_ name: String) throws(LineError) -> String {
            guard let s = object[name]?.stringValue else { throw .unreadable("\"\(name)\" must be a string") }
            return s
        }
        func optionalText(_ name: String) throws(LineError) -> String? {
            guard let v = object[name], v != .null else { return nil }
            guard let s = v.stringValue else { throw .unreadable("\"\(name)\" must be a string") }
            return s
        }
        let seq = try sequenceNumber(object["seq"], "seq")
        guard let index = integer(object["index"]) else { throw .unreadable("\"index\" must be an integer") }
        let kindText = try text("kind")
        guard let kind = EditKind(rawValue: kindText) else { throw .unreadable("unknown edit kind \"\(kindText)\"") }
        var status: CaseStatus?
        if let s = try optionalText("status") {
            guard let known = CaseStatus(rawValue: s) else { throw .unreadable("unknown status \"\(s)\"") }
            status = known
        }
        var undoOf: Int?
        if let u = object["undo_of"], u != .null { undoOf = try sequenceNumber(u, "undo_of") }
        var held: Held?
        if let h = try optionalText("held") {
            guard let known = Held(rawValue: h) else { throw .unreadable("unknown \"held\" value \"\(h)\"") }
            held = known
        }
        guard case .array(let items)? = object["changes"] else { throw .unreadable("\"changes\" must be a list") }
        var changes: [GoldChange] = []
        for (k, item) in items.enumerated() {
            guard let change = decodeChange(item) else { throw .unreadable("change \(k) is not {field, path, before?, after?}") }
            changes.append(change)
        }
        return JournalEntry(
            seq: seq, time: try text("time"), author: try text("author"),
            key: CaseKey(split: try text("split"), index: index, hash: try text("hash")), kind: kind, changes: changes,
            status: status, note: try optionalText("note"), reason: try optionalText("reason"), undoOf: undoOf, held: held)
    }

    static func decodeChange(_ v: JSONValue) -> GoldChange? {
        guard case .object(let o) = v, let fieldText = o["field"]?.stringValue, let field = GoldField(rawValue: fieldText),
            case .array(let steps)? = o["path"]
        else { return nil }
        var path: [PathStep] = []
        for step in steps {
            if case .string(let k) = step {
                path.append(.key(k.escaped))
            } else if let i = integer(step) {
                path.append(.index(i))
            } else {
                return nil
            }
        }
        let change = GoldChange(field: field, path: path, before: o["before"], after: o["after"])
        return change.before == nil && change.after == nil ? nil : change
    }

    /// A sequence number (`seq`, `undo_of`): an integer from 1 to ``maxSeq``.
    static func sequenceNumber(_ v: JSONValue?, _ name: String) throws(LineError) -> Int {
        guard case .number(let n)? = v, n.isInteger else { throw .unreadable("\"\(name)\" must be an integer") }
        guard let seq = Int(n.text), (1...maxSeq).contains(seq) else {
            let shown = n.text.utf8.count <= 40 ? n.text : "\(n.text.prefix(20))… (\(n.text.utf8.count) characters)"
            throw .unreadable("\"\(name)\" is \(shown), out of the range 1...\(maxSeq)")
        }
        return seq
    }

    static func integer(_ v: JSONValue?) -> Int? {
        guard case .number(let n)? = v, n.isInteger else { return nil }
        return Int(n.text)
    }
}
