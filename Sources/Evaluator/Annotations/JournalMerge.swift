// MARK: - JournalMerge

/// Puts the entries of several journals into one numbering: old journals read with the current one
/// (``combine(own:old:)``), moved into it (`ptscope annotations migrate`), and several annotators'
/// journals merged (``merge(_:)``).
///
/// A journal's `undo_of` names an entry of the same journal, so renumbering maps it along with the
/// entry it names. Nothing here reads data: a case's version by one journal is what the journal
/// alone says (``CaseVersion``).
public enum JournalMerge {
    /// One journal's entries, with where they came from (for messages).
    public struct Source: Sendable {
        /// The file, as shown in messages.
        public var file: String
        public var entries: [JournalEntry]
        /// The line of each entry in `file` (parallel to `entries`; empty when unknown).
        public var lines: [Int]

        /// Makes a source; `lines` may be empty.
        public init(file: String, entries: [JournalEntry], lines: [Int] = []) {
            self.file = file
            self.entries = entries
            self.lines = lines
        }

        /// `journal`'s file, entries and lines.
        public init(_ journal: Journal) {
            self.init(file: journal.url.path, entries: journal.entries, lines: journal.lines)
        }

        func line(of k: Int) -> Int? { lines.indices.contains(k) ? lines[k] : nil }
    }

    /// One annotator's version of a case that another annotator left differently.
    public struct Side: Sendable, Equatable {
        /// `file:line` of the annotator's last entry on the case.
        public var place: String
        public var author: String
        /// The version, shortly: the status in effect and the number of gold changes in effect.
        public var summary: String
    }

    /// A case that two or more journals leave in different versions.
    public struct Conflict: Sendable, Equatable {
        public var key: CaseKey
        /// One side per journal that annotates the case, in the journals' order.
        public var sides: [Side]

        /// `test_trained_user #3: a.jsonl:4 (ann, corrected, 1 gold change) | b.jsonl:2 (bob, flagged)`.
        public var description: String {
            "\(key): " + sides.map { "\($0.place) (\($0.author), \($0.summary))" }.joined(separator: " | ")
        }
    }

    // MARK: Numbering

    /// The entries of `journals` in order, numbered from `first` on; each `undo_of` follows the
    /// entry it names in its own journal (one naming no entry of its journal is kept as it is).
    public static func renumbered(_ journals: [[JournalEntry]], from first: Int = 1) -> [JournalEntry] {
        var next = first
        var result: [JournalEntry] = []
        for entries in journals {
            var map: [Int: Int] = [:]
            for e in entries {
                map[e.seq] = next
                next += 1
            }
            for e in entries {
                var moved = e
                moved.seq = map[e.seq] ?? e.seq
                moved.undoOf = e.undoOf.map { map[$0] ?? $0 }
                result.append(moved)
            }
        }
        return result
    }

    /// What an entry says apart from its number (and the number its undo names): the same edit,
    /// made by the same author at the same time, renumbered, has the same fingerprint.
    static func fingerprint(_ e: JournalEntry) -> String {
        var plain = e
        plain.seq = 1
        plain.undoOf = e.undoOf.map { _ in 1 }
        plain.held = nil
        return plain.jsonLine
    }

    /// The journal and the old journals read with it, as one list of entries.
    public struct Combined: Sendable {
        /// The old journals' entries (numbered 1...L, in the old journals' order), then the journal's.
        public var entries: [JournalEntry]
        /// L: how many entries come from old journals.
        public var oldCount: Int
        /// Which old journals are read (their index); the others are already in the journal (moved
        /// in by a migration that stopped before removing them).
        public var used: [Int]
        /// The journal's own entries are numbered 1...L too (it was written before the old journals
        /// were read with it): they are renumbered after them, so the journal must not be appended
        /// to (the numbers in the file would not be the ones shown) until the old ones are migrated.
        public var renumbered: Bool
    }

    /// `own` (the journal's entries) with the entries of `old` journals before them: the old
    /// journals that are not wholly in `own` already, numbered 1...L in order, then `own`, kept as
    /// numbered when every number is above L (edits made while the old journals were read with it
    /// are numbered after them, and may undo one of theirs), else renumbered after them.
    public static func combine(own: [JournalEntry], old: [[JournalEntry]]) -> Combined {
        let present = Set(own.map(fingerprint))
        let used = old.indices.filter { k in !old[k].allSatisfy { present.contains(fingerprint($0)) } }
        let imported = renumbered(used.map { old[$0] })
        let count = imported.count
        guard count > 0 else { return Combined(entries: own, oldCount: 0, used: [], renumbered: false) }
        if own.allSatisfy({ $0.seq > count }) {
            return Combined(entries: imported + own, oldCount: count, used: used, renumbered: false)
        }
        let shifted = own.map { e -> JournalEntry in
            var moved = e
            moved.seq = e.seq + count
            moved.undoOf = e.undoOf.map { $0 + count }
            return moved
        }
        return Combined(entries: imported + shifted, oldCount: count, used: used, renumbered: true)
    }

    // MARK: Versions

    /// What one journal alone says about a case: the gold changes of its edits in effect, in order,
    /// and the last status in effect. Two journals that leave a case alike have equal versions.
    public struct CaseVersion: Sendable, Equatable {
        public var changes: [GoldChange]
        public var status: CaseStatus?

        /// Whether the version says anything (notes alone do not count).
        public var isEmpty: Bool { changes.isEmpty && status == nil }

        /// `corrected, 2 gold changes`.
        public var summary: String {
            let gold = changes.isEmpty ? "gold as in the data" : "\(changes.count) gold change\(changes.count == 1 ? "" : "s")"
            return "\(status?.rawValue ?? "no status"), \(gold)"
        }
    }

    /// `entries`' version of each case they name (held entries left out), as
    /// ``JournalCaseSummary/summaries(_:_:)`` decides what is in effect without data.
    public static func versions(_ entries: [JournalEntry]) -> [CaseKey: CaseVersion] {
        var byKey: [CaseKey: [JournalEntry]] = [:]
        for e in entries where e.held == nil { byKey[e.key, default: []].append(e) }
        return byKey.mapValues { mine in
            let effective = JournalCaseSummary.inEffect(mine)
            return CaseVersion(
                changes: effective.flatMap(\.changes), status: effective.last { $0.status != nil }?.status)
        }
    }

    /// The cases two or more of `sources` leave in different (non-empty) versions, by split, index
    /// and hash; each side names its source's last entry on the case.
    public static func conflicts(_ sources: [Source]) -> [Conflict] {
        let versions = sources.map { JournalMerge.versions($0.entries) }
        var keys: Set<CaseKey> = []
        for v in versions { keys.formUnion(v.filter { !$0.value.isEmpty }.keys) }
        var result: [Conflict] = []
        for key in keys.sorted(by: { ($0.split, $0.index, $0.hash) < ($1.split, $1.index, $1.hash) }) {
            let having = sources.indices.filter { versions[$0][key].map { !$0.isEmpty } ?? false }
            guard having.dropFirst().contains(where: { versions[$0][key] != versions[having[0]][key] }) else { continue }
            result.append(Conflict(key: key, sides: having.map { side(sources[$0], key, versions[$0][key]!) }))
        }
        return result
    }

    static func side(_ source: Source, _ key: CaseKey, _ version: CaseVersion) -> Side {
        let k = source.entries.lastIndex { $0.key == key && $0.held == nil }
        let place = source.file + (k.flatMap(source.line(of:)).map { ":\($0)" } ?? "")
        return Side(place: place, author: k.map { source.entries[$0].author } ?? "?", summary: version.summary)
    }

    // MARK: Merging annotators

    /// Several annotators' journals as one.
    public struct Merged: Sendable {
        /// Every entry of every journal, with its author and time, in the journals' order, numbered 1...
        public var entries: [JournalEntry]
        /// The cases the annotators left differently.
        public var conflicts: [Conflict]
        /// How many cases two or more annotators left alike.
        public var agreements: Int
    }

    /// Merges `sources` (one per annotator, in order): every entry is kept, with its author and time,
    /// renumbered in that order. A case that several journals annotate (with a gold change or a
    /// status in effect) keeps the first such journal's entries in effect; the later journals'
    /// entries on it are ``JournalEntry/held``: ``Held/conflict`` when their version differs from the
    /// first's (the case is listed in ``Merged/conflicts`` and shown for adjudication),
    /// ``Held/agreement`` when it is the same. Replaying the merged journal therefore gives, for every
    /// case, the version of the first journal that annotates it; held entries are not applied.
    public static func merge(_ sources: [Source]) -> Merged {
        let (marks, agreed) = holds(sources)
        let marked = zip(sources, marks).map { source, marks in
            zip(source.entries, marks).map { e, mark in
                var entry = e
                entry.held = e.held ?? mark
                return entry
            }
        }
        let found = conflicts(sources)
        return Merged(
            entries: renumbered(marked), conflicts: found, agreements: agreed.subtracting(found.map(\.key)).count)
    }

    /// Which entries of `sources` ``merge(_:)`` holds back (parallel to each source's entries; nil:
    /// applied), and the cases a later source leaves like the first.
    public static func holds(_ sources: [Source]) -> (marks: [[Held?]], agreed: Set<CaseKey>) {
        let versions = sources.map { JournalMerge.versions($0.entries) }
        var owner: [CaseKey: Int] = [:]
        var agreed: Set<CaseKey> = []
        var marks: [[Held?]] = []
        for (k, source) in sources.enumerated() {
            marks.append(
                source.entries.map { e -> Held? in
                    guard e.held == nil, let mine = versions[k][e.key], !mine.isEmpty else { return nil }
                    if let first = owner[e.key], first != k {
                        let same = versions[first][e.key] == mine
                        if same { agreed.insert(e.key) }
                        return same ? .agreement : .conflict
                    }
                    owner[e.key] = k
                    return nil
                })
        }
        return (marks, agreed)
    }
}
