// MARK: - AnnotationsListing

/// What `ptscope annotations` shows of a journal: every edit in `seq` order, every annotated case,
/// and (replayed over the data) the entries that do not fit it; as text tables or as JSON Lines.
///
/// The text is built, never written: the caller decides how a cell from the journal is made inert on
/// one line and how wide it is on the terminal (journal text is free text from a file).
public struct AnnotationsListing: Sendable {
    /// The journal's path, as the title shows it.
    public let file: String
    /// The entries, ordered by `seq`.
    public let entries: [JournalEntry]
    /// The annotated cases (see ``JournalCaseSummary/summaries(_:_:)``).
    public let cases: [JournalCaseSummary]
    /// The entries replayed over the data, when the data was given.
    public let annotations: Annotations?

    /// The listing of `entries` read from `file`, replayed (in `seq` order) over `bench` when given.
    public init(file: String, entries: [JournalEntry], replayedOver bench: Benchmark?) {
        let sorted = entries.sorted { $0.seq < $1.seq }
        let replayed = bench.map { Annotations.replay(sorted, over: $0) }
        self.file = file
        self.entries = sorted
        annotations = replayed
        cases = JournalCaseSummary.summaries(sorted, replayed)
    }

    /// Entries that did not fit the data (the command exits 1 when there are any).
    public var problems: [String] { annotations?.problems ?? [] }

    /// One JSON text per line: `{"type": "edit", ...the journal line}` per entry, `{"type": "case", ...}`
    /// per case, `{"type": "problem", "text": ...}` per entry that does not fit the data.
    public var jsonLines: [String] {
        entries.map { "{\"type\": \"edit\", " + $0.jsonLine.dropFirst() } + cases.map(\.json)
            + problems.map { JSONText.object([("type", "\"problem\""), ("text", JSONText.string($0))]) }
    }

    /// The edits table (header first): seq, time, author, case, kind, a short before → after, reason.
    public var editRows: [[String]] {
        var rows = [["seq", "time", "author", "case", "kind", "change", "reason"]]
        for e in entries {
            var change = e.changes.map { $0.summary(limit: 30) }.joined(separator: "; ")
            if let status = e.status { change += (change.isEmpty ? "" : "; ") + "status → \(status.rawValue)" }
            if let note = e.note { change += (change.isEmpty ? "" : "; ") + (note.isEmpty ? "note cleared" : "note: \(note)") }
            if let u = e.undoOf { change = "(seq \(u)) " + change }
            let kind = e.held.map { "\(e.kind.rawValue) (held: \($0.rawValue))" } ?? e.kind.rawValue
            rows.append([String(e.seq), e.time, e.author, e.key.description, kind, change, e.reason ?? ""])
        }
        return rows
    }

    /// The cases table (header first): case, status, number of edits, note, reason.
    public var caseRows: [[String]] {
        [["case", "status", "edits", "note", "reason"]]
            + cases.map { [$0.key.description, $0.status, String($0.edits.count), $0.note ?? "", $0.reason ?? ""] }
    }

    /// The listing as text: a title, the edits, the cases, then the entries not applied (or, without
    /// the data, how to get them). `cell` makes a text from the journal inert on one line; `width`
    /// measures a cell so the columns line up.
    public func text(cell: (String) -> String, width: (String) -> Int) -> String {
        var out = "\(cell(file)): \(entries.count) edit(s) on \(cases.count) case(s)\n\n"
        out += PlainTextColumns.lines(editRows.map { $0.map(cell) }, width: width)
        out += "\ncases\n"
        out += PlainTextColumns.lines(caseRows.map { $0.map(cell) }, width: width)
        if annotations != nil {
            if !problems.isEmpty { out += "\nnot applied (the data differs from what the journal expects)\n" }
            for p in problems { out += "  \(cell(p))\n" }
        } else {
            out += "\n(give --data to replay the journal over the data: exact statuses, and edits that do not fit)\n"
        }
        return out
    }
}
