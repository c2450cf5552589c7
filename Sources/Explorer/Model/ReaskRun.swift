import Evaluator
import Foundation

// MARK: - ReaskRun

/// A new run made of a recorded run and the answers asked again (`A`, then `W`): a folder beside
/// the recorded run's (`<run>-reask`, `-reask-2`, …) holding its `<split>/generation.jsonl` files
/// byte for byte, except the re-asked cases' lines (PTBench's line for the new text), and a
/// `run.json` saying which cases were asked again and where. The recorded run is never written.
public enum ReaskRun {
    /// What ``save(_:run:answers:asker:)`` did.
    public struct Saved: Sendable {
        /// For the status line: the new folder, or why nothing was written.
        public let message: String
        /// The new run, parsed from the lines written (named `<run>-reask`, made unique among the
        /// runs open), nil when nothing was written.
        public let run: RunData?
        /// The recorded run it was made from (its index), how many answers asked again it holds,
        /// and its folder.
        public let source: Int
        public let answers: Int
        public let folder: String

        static func failed(_ message: String, source: Int) -> Saved {
            Saved(message: message, run: nil, source: source, answers: 0, folder: "")
        }
    }

    /// Writes run `run` of `data` with `answers` replacing their cases' lines; returns the new run
    /// too (to open it beside the others).
    public static func save(_ data: ExplorerData, run: Int, answers: [Reask.Answer], asker: (any CaseAsker)?) -> Saved {
        guard run < data.runs.count, !answers.isEmpty else { return .failed("nothing to save", source: run) }
        let files = data.benchmark.splits.compactMap { split in data.runs[run].predictions[split.name].map { (split, $0) } }
        guard let first = files.first else {
            return .failed("not saved: run \(data.runs[run].name) has no predictions files", source: run)
        }
        let from = root(of: first.1.url, split: first.0.name)
        let to = URL(
            fileURLWithPath: LaunchPlan.firstFree(from.path + "-reask") { FileManager.default.fileExists(atPath: $0) })
        // Every file made in memory first: a case outside its file writes nothing.
        var outputs: [(URL, [UInt8])] = []
        var saved: [ReaskSave.Case] = []
        var predictions: [String: PredictionFile] = [:]
        for (split, file) in files {
            guard let bytes = FileManager.default.contents(atPath: file.url.path).map(Array.init) else {
                return .failed("not saved: \(file.url.path) cannot be read", source: run)
            }
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            let trailing = lines.last?.isEmpty == true
            if trailing { lines.removeLast() }
            let splitIndex = data.benchmark.splits.firstIndex { $0.name == split.name }
            let mine = answers.filter { data.cases[$0.tag.caseID].split == splitIndex }
            for answer in mine.sorted(by: { $0.tag.caseID < $1.tag.caseID }) {
                let index = data.cases[answer.tag.caseID].index
                guard index < lines.count else {
                    return .failed(
                        "not saved: \(file.url.path) has \(lines.count) lines, no line \(index + 1) for case \(index)",
                        source: run)
                }
                lines[index] = Array(GenerationLine.line(split, index: index, predict: answer.text).utf8.dropLast())
                saved.append(ReaskSave.Case(split: split.name, index: index, source: answer.source))
            }
            var out = Array(lines.joined(separator: [0x0A]))
            if trailing { out.append(0x0A) }
            let url = to.appendingPathComponent(split.name).appendingPathComponent("generation.jsonl")
            outputs.append((url, out))
            // The new run as it will be read from the file: the same bytes, parsed as a run's are.
            predictions[split.name] = PredictionFile.parse(out, file: url.path, url: url)
        }
        let save = ReaskSave(run: run, runName: data.runs[run].name, from: from.path, to: to.path, cases: saved)
        if let record = asker?.record(save) { outputs.append((to.appendingPathComponent("run.json"), record)) }
        do {
            for (url, bytes) in outputs {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try JournalMigration.writeAtomically(bytes, to: url, replacing: false)
            }
        } catch {
            return .failed("not saved: \(to.path): \(error)", source: run)
        }
        let n = saved.count
        let message = "saved \(n) answer\(n == 1 ? "" : "s") asked again as a new run: \(to.path) (the recorded run is unchanged)"
        let names = Set(data.runs.map(\.name))
        let opened = RunData(
            name: LaunchPlan.firstFree(data.runs[run].name + "-reask", isTaken: names.contains), predictions: predictions)
        return Saved(message: message, run: opened, source: run, answers: n, folder: to.path)
    }

    /// The run's root: the folder above `<split>/generation.jsonl` (or the file's own folder when
    /// the run was given as a lone file or split folder of another name).
    static func root(of file: URL, split: String) -> URL {
        let folder = file.deletingLastPathComponent()
        return folder.lastPathComponent == split ? folder.deletingLastPathComponent() : folder
    }
}
