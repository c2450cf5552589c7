import ArgumentParser
import Evaluator
import Foundation
import TUICore

// MARK: - annotations agreement

/// `ptscope annotations agreement`: how far annotators' journals agree.
struct AnnotationsAgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Agreement between annotators' journals: kappa on statuses, same gold edits.",
        discussion: """
            On the cases every journal annotates (a status set or a gold change in effect; notes alone do not
            count), n of them: the share with the same status and Cohen's kappa (two journals) or Fleiss'
            kappa (more) over the statuses unreviewed, confirmed, corrected and flagged; and the share whose
            gold in effect is the same. With --data each journal is replayed over the data (statuses and gold
            exactly as the explorer shows them); without, from the journals alone (a case with gold changes
            and no status counts as corrected; the same gold means the same changes in effect). Held entries
            (from a merge) are left out.
            """
    )

    @Argument(help: "The journals, one per annotator.", completion: .file(extensions: ["jsonl"]))
    var journals: [String]

    @Option(help: "A PTBench data root, a split folder, or a data.json to replay the journals over.", completion: .file())
    var data: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        if journals.count < 2 { throw ValidationError("agreement needs two journals or more") }
    }

    func run() throws {
        let files = try journals.map { try readJournal(URL(fileURLWithPath: $0)) }
        let bench = try data.map { try loadBenchmark(URL(fileURLWithPath: $0), nil) }
        let readings = files.map { file -> [CaseKey: Agreement.Reading] in
            guard let bench else { return Agreement.readings(file.entries) }
            let replayed = Annotations.replay(file.entries, over: bench)
            for p in replayed.problems { warn("warning: \(file.url.path): \(p)") }
            return Agreement.readings(replayed)
        }
        let agreement = Agreement(readings)
        if json {
            TerminalText.printJSON(agreement.json)
        } else {
            TerminalText.print(agreement.text, terminator: "")
        }
    }
}
