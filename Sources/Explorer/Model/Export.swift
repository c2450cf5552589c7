import Evaluator
import Foundation

// MARK: - Export

/// Writes the current view of the cases (those listed, with every run's verdict and diagnosis)
/// to CSV or JSON Lines, chosen by the file's extension.
public enum Export {
    /// Writes `cases` (ids) to `path`; returns the message for the status bar (naming the folder
    /// when the file's folder does not exist or is not a folder: it is not made).
    public static func write(_ data: ExplorerData, scores: Scores?, cases: [Int], to path: String) -> String {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        let csv = url.pathExtension.lowercased() == "csv"
        var out = csv ? "split,index,user,scenario,gold_platform,run,verdict,error_columns,diagnosis\r\n" : ""
        for id in cases {
            let entry = data.cases[id]
            let split = data.split(of: entry).name
            for (k, run) in data.runs.enumerated() {
                let verdict = scores.flatMap { k < $0.runs.count ? $0.runs[k].verdicts[id] : nil }
                if csv {
                    let fields = [
                        split, String(entry.index), data.users[entry.user].name, data.scenarios[entry.scenario],
                        entry.goldPlatform,
                        run.name, Filter.verdict(verdict).rawValue,
                        (verdict?.errorColumns ?? []).map(\.rawValue).joined(separator: " "),
                        (verdict?.problems ?? []).map(\.sentence).joined(separator: "; "),
                    ]
                    out += fields.map(quote).joined(separator: ",") + "\r\n"
                } else {
                    let head = JSONText.object([
                        ("run", JSONText.string(run.name)), ("user", JSONText.string(data.users[entry.user].name)),
                        ("scenario", JSONText.string(data.scenarios[entry.scenario])),
                        ("gold_platform", JSONText.string(entry.goldPlatform)),
                        ("verdict", JSONText.string(Filter.verdict(verdict).rawValue)),
                    ])
                    let body =
                        verdict?.jsonLine(split: split, index: entry.index)
                        ?? JSONText.object([("split", JSONText.string(split)), ("index", String(entry.index))])
                    out += String(head.dropLast()) + ", " + String(body.dropFirst()) + "\n"
                }
            }
        }
        // Foundation's own message names neither the folder nor what is wrong with it. (The folder
        // is named in full; the file by its name, which was just typed: the message must fit.)
        if let problem = OutputFolder.problem(url.deletingLastPathComponent()) {
            return "cannot write \(url.lastPathComponent): \(problem)"
        }
        do {
            try Data(out.utf8).write(to: url, options: .atomic)
        } catch {
            return "cannot write \(url.path): \(error.localizedDescription)"
        }
        let runs = data.runs.count > 1 ? " × \(data.runs.count) runs" : ""
        return "wrote \(cases.count) cases\(runs) to \(url.path) (\(csv ? "CSV" : "JSON Lines"))"
    }

    static func quote(_ field: String) -> String {
        if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }
}
