import Evaluator
import Foundation

// MARK: - ReaskRun

/// A new run made of a recorded run and the answers asked again (`A`, then `W`): a folder beside
/// the recorded run's (`<run>-reask`, `-reask-2`, …) holding its `<split>/generation.jsonl` files
/// byte for byte, except the re-asked cases' lines (PTBench's line for the new text), and a
/// `run.json` saying which cases were asked again and where. The recorded run is never written.
public enum ReaskRun {
    /// Writes run `run` of `data` with `answers` replacing their cases' lines; returns the message
    /// for the status line (the new folder, or why nothing was written).
    public static func save(_ data: ExplorerData, run: Int, answers: [Reask.Answer], asker: (any CaseAsker)?) -> String {
        guard run < data.runs.count, !answers.isEmpty else { return "nothing to save" }
        let files = data.benchmark.splits.compactMap { split in data.runs[run].predictions[split.name].map { (split, $0) } }
        guard let first = files.first else { return "not saved: run \(data.runs[run].name) has no predictions files" }
        let from = root(of: first.1.url, split: first.0.name)
        var to = URL(fileURLWithPath: from.path + "-reask")
        var k = 2
        while FileManager.default.fileExists(atPath: to.path) {
            to = URL(fileURLWithPath: from.path + "-reask-\(k)")
            k += 1
        }
        // Every file made in memory first: a case outside its file writes nothing.
        var outputs: [(URL, [UInt8])] = []
        var saved: [ReaskSave.Case] = []
        for (split, file) in files {
            guard let bytes = FileManager.default.contents(atPath: file.url.path).map(Array.init) else {
                return "not saved: \(file.url.path) cannot be read"
            }
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            let trailing = lines.last?.isEmpty == true
            if trailing { lines.removeLast() }
            let splitIndex = data.benchmark.splits.firstIndex { $0.name == split.name }
            let mine = answers.filter { data.cases[$0.tag.caseID].split == splitIndex }
            for answer in mine.sorted(by: { $0.tag.caseID < $1.tag.caseID }) {
                let index = data.cases[answer.tag.caseID].index
                guard index < lines.count else {
                    return "not saved: \(file.url.path) has \(lines.count) lines, no line \(index + 1) for case \(index)"
                }
                lines[index] = Array(GenerationLine.line(split, index: index, predict: answer.text).utf8.dropLast())
                saved.append(ReaskSave.Case(split: split.name, index: index, source: answer.source))
            }
            var out = Array(lines.joined(separator: [0x0A]))
            if trailing { out.append(0x0A) }
            outputs.append((to.appendingPathComponent(split.name).appendingPathComponent("generation.jsonl"), out))
        }
        let save = ReaskSave(run: run, runName: data.runs[run].name, from: from.path, to: to.path, cases: saved)
        if let record = asker?.record(save) { outputs.append((to.appendingPathComponent("run.json"), record)) }
        do {
            for (url, bytes) in outputs {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try JournalMigration.writeAtomically(bytes, to: url, replacing: false)
            }
        } catch {
            return "not saved: \(to.path): \(error)"
        }
        let n = saved.count
        return "saved \(n) answer\(n == 1 ? "" : "s") asked again as a new run: \(to.path) (the recorded run is unchanged)"
    }

    /// The run's root: the folder above `<split>/generation.jsonl` (or the file's own folder when
    /// the run was given as a lone file or split folder of another name).
    static func root(of file: URL, split: String) -> URL {
        let folder = file.deletingLastPathComponent()
        return folder.lastPathComponent == split ? folder.deletingLastPathComponent() : folder
    }
}
