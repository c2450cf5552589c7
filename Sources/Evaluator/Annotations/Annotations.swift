// MARK: - Annotations

/// The journal replayed over a benchmark: every annotated case's corrected gold and status.
///
/// Entries apply in sequence order. An entry is applied only when its case is in the data with
/// the same hash (the dataset did not change) and every change's `before` is the current value;
/// otherwise it is reported in ``problems`` and skipped. Applying each new entry as it is made
/// (``apply(_:over:)``) gives the same state as replaying the whole journal.
public struct Annotations: Sendable {
    /// Every annotated case (edited, or given a status or note), by split, index and hash.
    public var cases: [CaseKey: CorrectedCase] = [:]
    /// Entries that were not applied, and why.
    public var problems: [String] = []
    /// The entries held for adjudication (``JournalEntry/held``: another annotator's version of a
    /// case, from `ptscope annotations merge`), by case, in order; they are not applied.
    public var held: [CaseKey: [JournalEntry]] = [:]

    struct Position: Hashable, Sendable {
        var split: String
        var index: Int
    }

    /// An applied gold or status edit, known by its own sequence number.
    struct Item: Sendable, Equatable {
        var seq: Int
        var key: CaseKey
    }

    /// The annotated case at each position (unannotated cases are never hashed).
    var positions: [Position: CaseKey] = [:]
    /// Hashes of data cases computed so far.
    var hashes: [Position: String] = [:]
    /// Applied edits that can be undone, oldest first; then undone edits that can be redone.
    var done: [Item] = []
    var undone: [Item] = []
    /// Each edit (by its own seq), and the case's state around its latest application.
    var edits: [Int: JournalEntry] = [:]
    var around: [Int: (before: CorrectedCase.Meta, after: CorrectedCase.Meta)] = [:]

    public init() {}

    /// Replays `entries` (in sequence order) over `bench`.
    public static func replay(_ entries: [JournalEntry], over bench: Benchmark) -> Annotations {
        var result = Annotations()
        for entry in entries.sorted(by: { $0.seq < $1.seq }) { result.apply(entry, over: bench) }
        return result
    }

    // MARK: Applying

    /// Applies one entry made after every entry applied so far (or reports why it does not fit).
    public mutating func apply(_ entry: JournalEntry, over bench: Benchmark) {
        let key = entry.key
        if entry.held != nil {
            held[key, default: []].append(entry)
            return
        }
        func problem(_ why: String) {
            problems.append("seq \(entry.seq) (\(key), \(entry.kind.rawValue)): \(why); not applied")
        }
        guard let split = bench.splits.first(where: { $0.name == key.split }) else {
            return problem("the data has no split \(key.split)")
        }
        guard split.cases.indices.contains(key.index) else {
            return problem("\(key.split) has \(split.cases.count) cases, no case \(key.index)")
        }
        let c = split.cases[key.index]
        let position = Position(split: key.split, index: key.index)
        let hash = hashes[position] ?? CaseKey.hash(split.bytes, c.byteRange)
        hashes[position] = hash
        guard hash == key.hash else {
            return problem("the case changed in the data (hash \(hash), the journal has \(key.hash))")
        }
        let base = cases[key] ?? CorrectedCase(c)
        var target: Item?
        switch entry.kind {
        case .undo, .redo:
            let stack = entry.kind == .undo ? done : undone
            guard let seq = entry.undoOf, let item = stack.last(where: { $0.seq == seq && $0.key == key }) else {
                let what = entry.kind == .undo ? "undoes" : "redoes"
                let state = entry.kind == .undo ? "applied" : "undone"
                return problem("\(what) seq \(entry.undoOf.map(String.init) ?? "?"), which is not \(state) for this case")
            }
            target = item
        default: break
        }
        var next = base
        for change in entry.changes {
            var value = next.value(change.field)
            if let why = value.apply(before: change.before, after: change.after, at: change.path[...]) {
                return problem("\(change.field.rawValue) \(change.place): \(why)")
            }
            next.set(change.field, value)
        }
        if !entry.changes.isEmpty && entry.status == nil
            && (next.explicitStatus == .confirmed || next.explicitStatus == .unreviewed)
        {
            // The gold changed after a review: the status follows the gold again.
            next.explicitStatus = nil
            next.reason = nil
        }
        if let status = entry.status {
            next.explicitStatus = status
            next.reason = entry.reason
        }
        if let note = entry.note { next.note = note.isEmpty ? nil : note }
        next.goldChanged = next.answer != c.answer || next.queryParams != c.queryParams || next.profileParams != c.profileParams
        next.status = next.explicitStatus ?? (next.goldChanged ? .corrected : .unreviewed)
        next.edits.append(entry.seq)
        cases[key] = next
        positions[position] = key

        switch (entry.kind, target) {
        case (.undo, let item?):
            done.removeAll { $0 == item }
            undone.append(item)
        case (.redo, let item?):
            undone.removeAll { $0 == item }
            done.append(item)
            around[item.seq] = (base.meta, next.meta)
        default:
            let item = Item(seq: entry.seq, key: key)
            undone.removeAll { $0.key == key }
            done.append(item)
            edits[entry.seq] = entry
            around[entry.seq] = (base.meta, next.meta)
        }
    }

    // MARK: Reading

    /// The corrected state of `c`, when the journal annotates it (and the data did not change).
    public func corrected(_ c: BenchmarkCase, in split: SplitData) -> CorrectedCase? {
        guard let key = positions[Position(split: split.name, index: c.index)], let found = cases[key] else { return nil }
        return CaseKey.hash(split.bytes, c.byteRange) == key.hash ? found : nil
    }

    /// The corrected state of `c`, or its state in the data when it is not annotated.
    public func current(_ c: BenchmarkCase, in split: SplitData) -> CorrectedCase {
        corrected(c, in: split) ?? CorrectedCase(c)
    }

    /// `c` with its corrected `answer`, `query_params` and `profile_params` (the same split, index
    /// and byte ranges), to score with ``Scorer/verdict(for:line:options:)``.
    public func benchmarkCase(_ c: BenchmarkCase, in split: SplitData) -> BenchmarkCase {
        guard let fixed = corrected(c, in: split), fixed.goldChanged else { return c }
        return BenchmarkCase(
            split: c.split, index: c.index, line: c.line, query: c.query, answer: fixed.answer,
            queryParams: fixed.queryParams, profileParams: fixed.profileParams, byteRange: c.byteRange,
            rawRanges: c.rawRanges, userKey: c.userKey)
    }

    /// `bench` with every case's corrected gold (`bench.score()` then scores against it); the
    /// files' bytes, and so the raw views of a case, stay the data's.
    public func correctedBenchmark(_ bench: Benchmark) -> Benchmark {
        let annotated = Set(positions.keys.map(\.split))
        let splits = bench.splits.map { split -> SplitData in
            guard annotated.contains(split.name) else { return split }
            return SplitData(
                name: split.name, url: split.url, cases: split.cases.map { benchmarkCase($0, in: split) }, bytes: split.bytes)
        }
        return Benchmark(
            splits: splits, predictions: bench.predictions, warnings: bench.warnings, predictionsRoot: bench.predictionsRoot)
    }

    // MARK: Undo and redo

    /// The edit that undoes the latest applied edit (of `key`, or of any case), or nil when none is left.
    public func undoStep(key: CaseKey? = nil) -> EditStep? {
        guard let item = key.map({ k in done.last { $0.key == k } }) ?? done.last,
            let entry = edits[item.seq], let state = around[item.seq]
        else { return nil }
        let restatus = entry.status != nil || state.before.status != state.after.status
        return EditStep(
            kind: .undo, key: entry.key, changes: entry.changes.reversed().map(\.inverse),
            status: restatus ? state.before.status : nil, note: entry.note.map { _ in state.before.note ?? "" },
            reason: restatus ? state.before.reason : nil, undoOf: item.seq)
    }

    /// The edit that redoes the latest undone edit (of `key`, or of any case), or nil when none is left.
    public func redoStep(key: CaseKey? = nil) -> EditStep? {
        guard let item = key.map({ k in undone.last { $0.key == k } }) ?? undone.last,
            let entry = edits[item.seq], let state = around[item.seq]
        else { return nil }
        let restatus = entry.status != nil || state.before.status != state.after.status
        return EditStep(
            kind: .redo, key: entry.key, changes: entry.changes, status: restatus ? state.after.status : nil,
            note: entry.note, reason: restatus ? state.after.reason : nil, undoOf: item.seq)
    }

    /// The cases whose versions by different annotators differ (a held ``Held/conflict`` entry).
    public var conflicts: Set<CaseKey> {
        Set(held.filter { $0.value.contains { $0.held == .conflict } }.keys)
    }

    /// The ``conflicts`` not settled yet: no edit applied to the case comes after its last held
    /// conflicting entry (an edit made while adjudicating settles it, whichever version it keeps).
    public var toAdjudicate: Set<CaseKey> {
        conflicts.filter { key in
            let lastHeld = held[key]?.filter { $0.held == .conflict }.map(\.seq).max() ?? 0
            return (cases[key]?.edits.max() ?? 0) < lastHeld
        }
    }

    /// Whether edit `seq` is in effect: applied, and not undone (a redone edit is in effect again).
    public func isInEffect(_ seq: Int) -> Bool { done.contains { $0.seq == seq } }

    /// The edits in effect on `key`, in the order they were (re)applied.
    public func edits(inEffectOn key: CaseKey) -> [JournalEntry] {
        done.filter { $0.key == key }.compactMap { edits[$0.seq] }
    }
}
