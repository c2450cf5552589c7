import Evaluator
import TUICore

// MARK: - CommandHint

/// The one-line hint above a line being typed: the candidates of an open completion menu, else the
/// syntax of the command being typed (for an unknown word, the closest names).
public enum CommandHint {
    /// The hint for `editor` (plain text: the view sanitizes and fits it).
    public static func text(_ editor: Editor) -> String {
        if let menu = editor.completion, menu.line == editor.line, menu.candidates.count > 1 {
            let shown = menu.candidates.enumerated().map { i, c in i == menu.selected ? "[\(c)]" : c }
            return "\(menu.candidates.count) matches (Tab/Shift-Tab): " + shown.joined(separator: " ")
        }
        let note = editor.completion.flatMap { $0.line == editor.line ? $0.note : nil }.map { $0 + " · " } ?? ""
        switch editor.purpose {
        case .search: return note + search
        case .export: return note + "PATH   .csv: CSV, anything else: JSON Lines   (Tab completes the path)"
        case .command: return note + command(editor.line.text)
        }
    }

    /// The search line's grammar.
    static let search =
        "[SCOPE:]…[re:]TEXT   SCOPE: query pred gold profile tools (several: query:pred:); re: a regular expression; any case"

    /// The syntax of the command `line` starts with.
    static func command(_ line: String) -> String {
        let words = line.split(separator: " ").map(String.init)
        guard let first = words.first else {
            return "N · U N · T N · "
                + (ExplorerCommandLine.commandWords + ExplorerCommandLine.editWords).joined(separator: " · ")
                + "   (Tab completes)"
        }
        if Int(first) != nil { return "N   jump to case N of the selected case's split" }
        let all = ExplorerCommandLine.commandWords + ExplorerCommandLine.editWords + ["q"]
        let letterJump = first.count == 1 && first.first?.isLetter == true && first != "q"
        if words.count == 1, !line.hasSuffix(" "), syntax[first] == nil {
            let prefixed = all.filter { $0.hasPrefix(first) }
            if !prefixed.isEmpty {
                return prefixed.joined(separator: " · ") + (letterJump ? " · \(first.uppercased()) N (a split's case N)" : "")
            }
        }
        if letterJump { return "\(first.uppercased()) N   jump to case N of that split (U: untrained, T: trained users)" }
        let word = first.hasSuffix("!") ? String(first.dropLast()) : first
        if let syntax = syntax[word] { return syntax }
        let near = ExplorerCommandLine.closest(word, in: all)
        return "unknown command “\(first)”" + (near.map { ": did you mean “\($0)”?" } ?? "")
    }

    /// Each command word's syntax.
    static let syntax: [String: String] = {
        var out: [String: String] = [
            "sort": "sort COLUMN [desc]   COLUMN: "
                + CaseSort.columnNames(runs: 1).joined(separator: " ") + "   (# is index; runB… in a comparison)",
            "set": "set OPTION | noOPTION | OPTION!   OPTION: "
                + ExplorerCommandLine.SessionOption.allCases.map(\.rawValue).joined(separator: " "),
            "filter": "filter VALUE… | DIMENSION VALUE | adjudicate | clear   DIMENSION: "
                + FilterCommand.dimensions.dropLast().joined(separator: " ") + "   VALUE: fail pass format value_error …",
            "theme": "theme [NAME|PATH]   NAME: " + ThemeLoader.bundledNames.joined(separator: " "),
            "help": "help [TOPIC]   TOPIC: " + HelpTopic.names.joined(separator: " "),
            "messages": "messages   every status message so far, newest first",
            "run": "run NAME | LETTER | N   focus a run of a comparison (b / B step through them)",
            "compare": "compare X Y   regressions, improvements and side by side between runs X and Y (alone: A and the focused)",
            "samples": "samples [METRIC]   what a case passes in a sample set's pass@k, pass^k and flaky   METRIC: "
                + Metric.perCase.map(\.rawValue).joined(separator: " "),
            "quit": "q · quit   leave the explorer",
            "q": "q · quit   leave the explorer",
        ]
        for word in ExplorerCommandLine.editWords {
            let forms = EditCommand.help.filter { $0.0.hasPrefix(word + " ") || $0.0 == word || $0.0.hasPrefix(word + " ·") }
            out[word] = forms.map(\.0).joined(separator: " · ") + "   (! after the word forces a name; -- REASON)"
        }
        return out
    }()
}
