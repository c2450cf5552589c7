import ArgumentParser
import Evaluator
import Foundation
import TUICore

// MARK: - export

/// `ptscope export`: the corrected benchmark, from the data and the annotations journal.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the corrected benchmark: the data with the journal's gold edits, plus CHANGES.md and changes.jsonl.",
        discussion: """
            OUT gets <split>/data.json for every split: the original bytes with only the edited answer,
            query_params and profile_params values replaced (key order and everything else unchanged),
            CHANGES.md (per case: before, after, status, note, reasons, authors) and changes.jsonl (one
            line per changed case). The data itself is never modified. Journal entries that do not fit
            the data (a changed case, a value that is not what the edit expected) are reported and left out.
            """
    )

    @Argument(help: "A PTBench data root, a split folder, or a data.json.")
    var data: String

    @Option(help: "The annotations journal (default: <predictions root>/annotations.jsonl, else beside the data).")
    var journal: String?

    @Option(help: "A predictions root, only to find the default journal.")
    var predictions: String?

    @Option(help: "The folder to write the corrected data root to.")
    var out: String

    func run() throws {
        let bench = try loadBenchmark(URL(fileURLWithPath: data), predictions.map { URL(fileURLWithPath: $0) })
        let journalURL =
            journal.map { URL(fileURLWithPath: $0) }
            ?? Journal.defaultURL(predictionsRoot: bench.predictionsRoot, dataRoot: URL(fileURLWithPath: data))
        let file = try readJournal(journalURL)
        let annotations = Annotations.replay(file.entries, over: bench)
        for problem in annotations.problems { warn("warning: \(journalURL.path): \(problem)") }
        let outURL = URL(fileURLWithPath: out)
        do {
            try CorrectedExport.write(bench, annotations, entries: file.entries, to: outURL)
        } catch {
            warn("ptscope: \(error)")
            throw ExitCode(2)
        }
        let changed = annotations.cases.values.filter(\.goldChanged).count
        let flagged = annotations.cases.values.filter { $0.status == .flagged }.count
        TerminalText.print(
            "wrote \(outURL.path): \(changed) case(s) with corrected gold, \(flagged) flagged, "
                + "\(annotations.problems.count) entr\(annotations.problems.count == 1 ? "y" : "ies") not applied "
                + "(CHANGES.md, changes.jsonl)")
    }
}

/// Reads a journal without locking it; exit 2 with the reason when it cannot be read.
func readJournal(_ url: URL) throws -> Journal {
    do {
        let journal = try Journal.load(url)
        for w in journal.warnings { warn("warning: \(w)") }
        return journal
    } catch {
        warn("ptscope: \(error)")
        throw ExitCode(2)
    }
}

// MARK: - annotations

/// `ptscope annotations`: the edits and case statuses of a journal.
struct AnnotationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotations",
        abstract: "List the edits and case statuses of an annotations journal.",
        discussion: """
            Every edit: number, time, author, case, kind, a short before → after and the reason; then
            every annotated case with its status and note. With --data the journal is replayed over the
            data: statuses are exact and entries that do not fit the data are listed (exit 1).
            --json prints JSON Lines: {"type": "edit", ...the journal line}, {"type": "case", ...},
            {"type": "problem", "text": ...}.
            """
    )

    @Argument(help: "The annotations journal (annotations.jsonl).")
    var journal: String

    @Option(help: "A PTBench data root, a split folder, or a data.json to replay the journal over.")
    var data: String?

    @Flag(help: "Print JSON Lines instead of tables.")
    var json = false

    /// For tests only: append this many note edits (a fake case), printing `ack <seq>` after each is durable.
    @Option(name: .customLong("stress-append"), help: .hidden)
    var stressAppend: Int?

    func run() throws {
        let url = URL(fileURLWithPath: journal)
        if let stressAppend { return try Self.stress(url, count: stressAppend) }
        let file = try readJournal(url)
        let entries = file.entries.sorted { $0.seq < $1.seq }
        var annotations: Annotations?
        if let data { annotations = Annotations.replay(entries, over: try loadBenchmark(URL(fileURLWithPath: data), nil)) }
        let cases = Self.caseSummaries(entries, annotations)
        if json {
            for e in entries { TerminalText.printJSON("{\"type\": \"edit\", " + e.jsonLine.dropFirst()) }
            for c in cases { TerminalText.printJSON(c.json) }
            for p in annotations?.problems ?? [] {
                TerminalText.printJSON(JSONText.object([("type", "\"problem\""), ("text", JSONText.string(p))]))
            }
        } else {
            TerminalText.print(Self.table(entries, cases, annotations, file: url.path), terminator: "")
        }
        if let annotations, !annotations.problems.isEmpty { throw ExitCode(1) }
    }

    // MARK: Cases

    struct CaseSummary {
        var key: CaseKey
        var status: String
        var note: String?
        var reason: String?
        var edits: [Int]

        var json: String {
            JSONText.object([
                ("type", "\"case\""), ("split", JSONText.string(key.split)), ("index", String(key.index)),
                ("hash", JSONText.string(key.hash)), ("status", JSONText.string(status)),
                ("note", note.map(JSONText.string) ?? "null"), ("reason", reason.map(JSONText.string) ?? "null"),
                ("edits", "[" + edits.map(String.init).joined(separator: ", ") + "]"),
            ])
        }
    }

    /// Per case: the replayed state (with data), else what the journal alone says (the last status set,
    /// or `edited` when gold edits are in effect).
    static func caseSummaries(_ entries: [JournalEntry], _ annotations: Annotations?) -> [CaseSummary] {
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
                    return CaseSummary(key: key, status: "not applied", edits: mine.map(\.seq))
                }
                return CaseSummary(
                    key: key, status: fixed.status.rawValue, note: fixed.note, reason: fixed.reason, edits: fixed.edits)
            }
            // Without the data: undo/redo decide which edits are in effect; the last status and note in effect win.
            var inEffect: [Int: JournalEntry] = [:]
            var order: [Int] = []
            for e in mine {
                switch e.kind {
                case .undo: if let u = e.undoOf { order.removeAll { $0 == u } }
                case .redo: if let u = e.undoOf, inEffect[u] != nil { order.append(u) }
                default:
                    inEffect[e.seq] = e
                    order.append(e.seq)
                }
            }
            let effective = order.compactMap { inEffect[$0] }
            let lastStatus = effective.last { $0.status != nil }
            let note = effective.last { $0.note != nil }?.note
            let edited = effective.contains { !$0.changes.isEmpty }
            return CaseSummary(
                key: key, status: lastStatus?.status?.rawValue ?? (edited ? "edited" : "unreviewed"),
                note: note?.isEmpty == true ? nil : note, reason: lastStatus?.reason, edits: mine.map(\.seq))
        }
    }

    // MARK: Text

    /// The edits and cases as text columns; every cell from the journal is made inert on one line first
    /// (``TerminalText/cell(_:)``), so the columns line up and nothing in them acts on the terminal.
    static func table(_ entries: [JournalEntry], _ cases: [CaseSummary], _ annotations: Annotations?, file: String) -> String {
        var out = "\(TerminalText.cell(file)): \(entries.count) edit(s) on \(cases.count) case(s)\n\n"
        var rows = [["seq", "time", "author", "case", "kind", "change", "reason"]]
        for e in entries {
            var change = e.changes.map { $0.summary(limit: 30) }.joined(separator: "; ")
            if let status = e.status { change += (change.isEmpty ? "" : "; ") + "status → \(status.rawValue)" }
            if let note = e.note { change += (change.isEmpty ? "" : "; ") + (note.isEmpty ? "note cleared" : "note: \(note)") }
            if let u = e.undoOf { change = "(seq \(u)) " + change }
            rows.append([String(e.seq), e.time, e.author, e.key.description, e.kind.rawValue, change, e.reason ?? ""])
        }
        out += columns(rows.map { $0.map(TerminalText.cell) })
        out += "\ncases\n"
        var caseRows = [["case", "status", "edits", "note", "reason"]]
        for c in cases {
            caseRows.append([c.key.description, c.status, String(c.edits.count), c.note ?? "", c.reason ?? ""])
        }
        out += columns(caseRows.map { $0.map(TerminalText.cell) })
        if let annotations {
            if !annotations.problems.isEmpty { out += "\nnot applied (the data differs from what the journal expects)\n" }
            for p in annotations.problems { out += "  \(TerminalText.cell(p))\n" }
        } else {
            out += "\n(give --data to replay the journal over the data: exact statuses, and edits that do not fit)\n"
        }
        return out
    }

    /// Left-aligned columns separated by two spaces (the last column is not padded).
    static func columns(_ rows: [[String]]) -> String {
        guard let count = rows.first?.count else { return "" }
        let widths = (0..<count).map { k in rows.map { TextWidth.of($0[k]) }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { k, cell in
                k == count - 1 ? cell : TextWidth.pad(cell, to: widths[k])
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }.joined()
    }

    // MARK: For tests

    /// Appends `count` note edits to `url` as fast as durability allows, printing `ack <seq>` (unbuffered)
    /// after each append has returned. Used by the SIGKILL durability and concurrent-writer tests.
    static func stress(_ url: URL, count: Int) throws {
        let journal: Journal
        do { journal = try Journal.open(url, readOnlyIfLocked: false) } catch {
            warn("ptscope: \(error)")
            throw ExitCode(2)
        }
        for w in journal.warnings { warn("warning: \(w)") }
        let out = FileHandle.standardOutput
        for k in 0..<count {
            let key = CaseKey(split: "stress", index: k % 7, hash: "0000000000000000")
            do {
                let entry = try journal.append(kind: .setNote, key: key, note: "stress \(k)", author: "stress")
                out.write(Data("ack \(entry.seq)\n".utf8))
            } catch {
                warn("ptscope: \(error)")
                throw ExitCode(2)
            }
        }
    }
}
