import ArgumentParser
import Evaluator
import Foundation
import TUICore

// MARK: - annotations migrate

/// `ptscope annotations migrate`: moves the journals earlier ptscopes kept beside each run's
/// predictions (or per sample model) into the journal of the data.
struct AnnotationsMigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move old annotations journals (beside predictions, per sample model) into the data's journal.",
        discussion: """
            The journal belongs to the data: <data root>/annotations.jsonl (the bundled sample: one journal in
            ~/.local/share/ptscope). Earlier ptscopes kept one beside each run's predictions, and one per
            sample model; the explorer reads those with the journal. This moves them in: their entries come
            first, numbered 1, 2, ... in the order found, with their authors and times, then the journal's
            own lines; the new journal is written to a temporary file and renamed over the journal, and only
            then are the old journals removed. Running it again does nothing. Without --data: the sample's
            journals. A case two old journals leave differently is a conflict: they are listed (file:line
            of each side) and nothing is moved (exit 1), unless --force, which holds the later journals'
            versions for adjudication (kept in the journal, not applied; the explorer's adjudication filter
            shows them).
            """
    )

    @Option(help: "A PTBench data root, a split folder, or a data.json (default: the bundled sample).", completion: .file())
    var data: String?

    @Argument(help: "The predictions (roots, split folders or generation.jsonl files) old journals were kept beside.")
    var predictions: [String] = []

    @Option(help: "The journal to move them into (default: the data's).", completion: .file(extensions: ["jsonl"]))
    var journal: String?

    @Flag(help: "Move them in despite conflicts, holding the later versions for adjudication.")
    var force = false

    func validate() throws {
        if data == nil && !predictions.isEmpty { throw ValidationError("predictions need --data (the sample's are known)") }
    }

    func run() throws {
        let location: JournalLocation =
            data.map { .data(URL(fileURLWithPath: $0), predictions: predictions.map { URL(fileURLWithPath: $0) }) } ?? .sample
        let target = journal.map { URL(fileURLWithPath: $0) } ?? location.resolve()
        let old = location.oldJournals().filter { $0.standardizedFileURL.path != target.standardizedFileURL.path }
        let migration = try exitOnError { () throws(InputError) in
            try JournalMigration.plan(target: target, old: old, force: force)
        }
        if migration.isEmpty {
            TerminalText.print("nothing to move: no old journals (the journal is \(target.path))")
            return
        }
        if !migration.conflicts.isEmpty {
            for c in migration.conflicts { TerminalText.print("conflict: \(c.description)") }
            warn(
                "ptscope: \(migration.conflicts.count) case(s) are left differently by the old journals (listed above); "
                    + "nothing was moved. --force moves them in, holding the later versions for adjudication")
            throw ExitCode(1)
        }
        let problems = try exitOnError { () throws(InputError) in try migration.run() }
        for url in migration.moved { TerminalText.print("moved \(url.path)") }
        for url in migration.alreadyIn { TerminalText.print("removed \(url.path) (already in the journal)") }
        TerminalText.print(
            "\(target.path): \(migration.movedEntries) entries moved in, \(migration.totalEntries) in all")
        for p in problems { warn("warning: \(p)") }
    }
}
