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

    @Argument(help: "A PTBench data root, a split folder, or a data.json.", completion: .file())
    var data: String

    @Option(
        help:
            "The annotations journal (default: <data root>/annotations.jsonl, with old journals beside the predictions read too).",
        completion: .file(extensions: ["jsonl"]))
    var journal: String?

    @Option(help: "A predictions root, only to find an old journal beside it.", completion: .directory)
    var predictions: String?

    @Option(help: "The folder to write the corrected data root to.", completion: .directory)
    var out: String

    func run() throws {
        let bench = try loadBenchmark(URL(fileURLWithPath: data), predictions.map { URL(fileURLWithPath: $0) })
        let location =
            journal.map { JournalLocation.explicit(URL(fileURLWithPath: $0)) }
            ?? .data(URL(fileURLWithPath: data), predictions: bench.predictionsRoot.map { [$0] } ?? [])
        let journalURL = location.resolve()
        let file = try readJournal(journalURL, old: location.oldJournals(), hint: location.migrateCommand)
        let annotations = Annotations.replay(file.entries, over: bench)
        for problem in annotations.problems { warn("warning: \(journalURL.path): \(problem)") }
        let open = annotations.toAdjudicate.count
        if open > 0 {
            warn(
                "warning: \(journalURL.path): \(open) case(s) still to adjudicate (annotators differ; the first one's "
                    + "version is exported; :filter adjudicate in the explorer lists them)")
        }
        let outURL = URL(fileURLWithPath: out)
        try exitOnError { () throws(InputError) in
            try CorrectedExport.write(bench, annotations, entries: file.entries, to: outURL)
        }
        TerminalText.print(CorrectedExport.summary(annotations, writtenTo: outURL))
    }
}

/// Reads a journal without locking it; exit 2 with the reason when it cannot be read.
func readJournal(_ url: URL) throws -> Journal {
    let journal = try exitOnError { () throws(InputError) in try Journal.load(url) }
    for w in journal.warnings { warn("warning: \(w)") }
    return journal
}

/// The journal at `url` with the `old` journals read before it, as the explorer reads them, without
/// locking or writing anything (``Journal/load(_:old:hint:)``); exit 2 when it cannot be read.
func readJournal(_ url: URL, old: [URL], hint: String?) throws -> Journal {
    guard !old.isEmpty else { return try readJournal(url) }
    let journal = try exitOnError { () throws(InputError) in try Journal.load(url, old: old, hint: hint) }
    for w in journal.warnings { warn("warning: \(w)") }
    return journal
}

// MARK: - annotations

/// `ptscope annotations`: list a journal (the default), move old journals in, merge annotators'
/// journals, measure their agreement.
struct AnnotationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotations",
        abstract: "List, migrate, merge and compare annotations journals.",
        subcommands: [
            AnnotationsListCommand.self, AnnotationsMigrateCommand.self, AnnotationsMergeCommand.self,
            AnnotationsAgreementCommand.self,
        ],
        defaultSubcommand: AnnotationsListCommand.self
    )
}

/// `ptscope annotations [list]`: the edits and case statuses of a journal.
struct AnnotationsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the edits and case statuses of an annotations journal (the default).",
        discussion: """
            Every edit: number, time, author, case, kind, a short before → after and the reason; then
            every annotated case with its status and note. With --data the journal is replayed over the
            data: statuses are exact and entries that do not fit the data are listed (exit 1).
            --json prints JSON Lines: {"type": "edit", ...the journal line}, {"type": "case", ...},
            {"type": "problem", "text": ...}.
            """
    )

    @Argument(help: "The annotations journal (annotations.jsonl).", completion: .file(extensions: ["jsonl"]))
    var journal: String

    @Option(help: "A PTBench data root, a split folder, or a data.json to replay the journal over.", completion: .file())
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
        let bench = try data.map { try loadBenchmark(URL(fileURLWithPath: $0), nil) }
        let listing = AnnotationsListing(file: url.path, entries: file.entries, replayedOver: bench)
        if json {
            for line in listing.jsonLines { TerminalText.printJSON(line) }
        } else {
            TerminalText.print(listing.text(cell: TerminalText.cell, width: TextWidth.of), terminator: "")
        }
        if !listing.problems.isEmpty { throw ExitCode(1) }
    }

    /// Appends `count` note edits to `url`, printing `ack <seq>` (unbuffered) after each is durable.
    /// Used by the SIGKILL durability and concurrent-writer tests.
    static func stress(_ url: URL, count: Int) throws {
        let journal = try exitOnError { () throws(InputError) in try Journal.open(url, readOnlyIfLocked: false) }
        for w in journal.warnings { warn("warning: \(w)") }
        try exitOnError { () throws(InputError) in
            try journal.appendStressNotes(count: count) { FileHandle.standardOutput.write(Data("ack \($0)\n".utf8)) }
        }
    }
}
