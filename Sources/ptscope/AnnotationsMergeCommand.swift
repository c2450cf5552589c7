import ArgumentParser
import Evaluator
import Foundation
import TUICore

// MARK: - annotations merge

/// `ptscope annotations merge`: several annotators' journals as one, conflicts held for adjudication.
struct AnnotationsMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge several annotators' journals into one, listing and holding the conflicts.",
        discussion: """
            Every entry of every journal is kept, with its author and time, numbered anew in the order the
            journals are given (an undo still names the edit it undid). A case several journals annotate
            (a gold change or a status in effect) keeps the first such journal's version in effect; the later
            journals' entries on it are held: "conflict" when their version differs (the case is listed
            with file:line of each side), "agreement" when it is the same. Held entries are not applied
            when the journal is replayed, so the merged journal gives every case the first annotator's
            version; the explorer's adjudication filter shows the conflicting cases with each annotator's
            version, and an edit made there settles the case. OUT must not exist yet; it is written whole
            or not at all.
            """
    )

    @Argument(help: "The journals, one per annotator, in order of precedence.", completion: .file(extensions: ["jsonl"]))
    var journals: [String]

    @Option(help: "The merged journal to write (a new file).", completion: .file(extensions: ["jsonl"]))
    var out: String

    func validate() throws {
        if journals.count < 2 { throw ValidationError("merge needs two journals or more") }
    }

    func run() throws {
        let sources = try journals.map { JournalMerge.Source(try readJournal(URL(fileURLWithPath: $0))) }
        let merged = JournalMerge.merge(sources)
        let bytes = Array(merged.entries.map { $0.jsonLine + "\n" }.joined().utf8)
        let outURL = URL(fileURLWithPath: out)
        try exitOnError { () throws(InputError) in try JournalMigration.writeAtomically(bytes, to: outURL, replacing: false) }
        for c in merged.conflicts { TerminalText.print("conflict: \(c.description)") }
        let held = merged.entries.filter { $0.held != nil }.count
        TerminalText.print(
            "\(outURL.path): \(merged.entries.count) entries from \(sources.count) journals; "
                + "\(merged.conflicts.count) conflicting case(s) to adjudicate, \(merged.agreements) annotated alike; "
                + "\(held) entries held")
    }
}
