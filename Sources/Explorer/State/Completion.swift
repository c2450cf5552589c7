import Evaluator
import TUICore

// MARK: - Completion

/// Tab completion of the word before the cursor in a line being typed, and the menu Tab steps
/// through when several words complete it (a shell's and vim's wildmenu: the first Tab completes
/// the common prefix and lists the candidates, the next Tabs take each in turn, Shift-Tab goes back).
public enum Completion {
    /// The names the explorer knows when Tab is pressed (the selected case's and the data's).
    public struct Names: Sendable, Equatable {
        /// `FN.PARAM` of the selected case: its gold calls, then its tool catalog.
        public var fnParams: [String] = []
        /// Function names of the case's gold calls and tool catalog.
        public var functions: [String] = []
        /// Platform names of the case's tool catalog (else every gold platform of the data).
        public var platforms: [String] = []
        /// Every value `:filter` takes, and its dimension words.
        public var filterWords: [String] = FilterCommand.dimensions + FilterCommand.fixedValues
        /// The case list's columns for `:sort` (a run's verdict column per run in a comparison).
        public var sortColumns: [String] = CaseSort.columnNames(runs: 1)
        /// Colour themes by name.
        public var themes: [String] = ThemeLoader.bundledNames
        /// What `:help` opens at.
        public var helpTopics: [String] = HelpTopic.names
        /// The runs `:run` and `:compare` take: letters, then names (empty with one run).
        public var runs: [String] = []

        public init() {}
    }

    /// What completes the word before the cursor.
    public enum Source: Sendable, Equatable {
        /// One of these words.
        case words([String])
        /// A file path (the entries of the word's folder, listed by the runtime).
        case path
        /// Nothing completes here.
        case none
    }

    /// The word before the cursor in `before` (the text before the cursor) and what completes it.
    /// `expectsMore` says whether another word follows it (a space is added after a lone match).
    public static func source(_ before: String, purpose: Editor.Purpose, names: Names) -> (
        word: String, source: Source, expectsMore: Bool
    ) {
        let word = before.last == " " ? "" : String(before.split(separator: " ", omittingEmptySubsequences: true).last ?? "")
        switch purpose {
        case .export: return (before, .path, false)
        case .search:
            // After scope prefixes (`query:pr`), the next prefix; nothing once the text starts.
            var rest = Substring(before)
            while let colon = rest.firstIndex(of: ":"), Search.Query.Scope(rawValue: String(rest[..<colon])) != nil {
                rest = rest[rest.index(after: colon)...]
            }
            return (String(rest), rest.contains(" ") || rest.contains(":") ? .none : .words(Search.Query.prefixes), false)
        case .command:
            break
        }
        let previous = before.dropLast(word.count).split(separator: " ").map(String.init)
        guard let first = previous.first else {
            return (word, .words(ExplorerCommandLine.commandWords + ExplorerCommandLine.editWords), true)
        }
        let command = first.hasSuffix("!") ? String(first.dropLast()) : first
        let position = previous.count
        switch command {
        case "sort":
            if position == 1 { return (word, .words(names.sortColumns), true) }
            if position == 2 { return (word, .words(["desc", "asc"]), false) }
        case "set":
            if position == 1 {
                let options = ExplorerCommandLine.SessionOption.allCases.map(\.rawValue)
                return (word, .words(options + options.map { "no" + $0 } + options.map { $0 + "!" }), false)
            }
        case "filter":
            return (word, .words(names.filterWords), true)
        case "theme":
            // A path may hold spaces: everything after the word.
            let path = String(before.drop(while: { $0 == " " }).dropFirst(first.count).drop(while: { $0 == " " }))
            if path.contains("/") || path.hasPrefix("~") { return (path, .path, false) }
            if position == 1 { return (word, .words(names.themes), false) }
        case "help":
            if position == 1 { return (word, .words(names.helpTopics), false) }
        case "run":
            if position == 1 { return (word, .words(names.runs), false) }
        case "samples":
            if position == 1 { return (word, .words(Metric.perCase.map(\.rawValue)), false) }
        case "compare":
            if position == 1 || position == 2 { return (word, .words(names.runs), position == 1) }
        case "platform":
            if position == 1 { return (word, .words(names.platforms), false) }
        case "status":
            if position == 1 { return (word, .words(["unreviewed", "confirmed", "corrected", "flagged"]), false) }
        case "alt":
            if position == 1 { return (word, .words(["add", "edit", "rm"]), true) }
            if position == 2 { return (word, .words(names.fnParams), true) }
        case "fn":
            if position == 1 { return (word, .words(["add", "rm", "rename"]), true) }
            if position == 2 || (position == 3 && previous[1] == "rename") {
                return (word, .words(names.functions), previous[1] == "rename" && position == 2)
            }
        case "param":
            if position == 1 { return (word, .words(["add", "rm", "rename", "move"]), true) }
            if position == 2 {
                if previous[1] == "move" {
                    return (word, .words(names.fnParams.map { String($0.split(separator: ".").last!) }), true)
                }
                return (word, .words(names.fnParams), previous[1] != "rm")
            }
            if position == 3, previous[1] == "move" { return (word, .words(["query", "profile"]), false) }
        default:
            break
        }
        return (word, .none, false)
    }

    /// The candidates among `names` for `word`: those starting with it (case-insensitively),
    /// sorted, each once.
    public static func matches(_ word: String, in names: [String]) -> [String] {
        let lower = word.lowercased()
        var seen = Set<String>()
        return names.filter { $0.lowercased().hasPrefix(lower) && seen.insert($0).inserted }.sorted()
    }

    /// The longest prefix all `words` share (by characters), case-insensitively: the first
    /// word's spelling of it.
    public static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map(Array.init) else { return "" }
        for w in words.dropFirst() {
            let chars = Array(w)
            var n = 0
            while n < prefix.count, n < chars.count, String(prefix[n]).lowercased() == String(chars[n]).lowercased() { n += 1 }
            prefix = Array(prefix[..<n])
        }
        return String(prefix)
    }

    // MARK: - The menu

    /// Several candidates after a Tab: what Tab and Shift-Tab step through.
    public struct Menu: Sendable, Equatable {
        /// The candidates, sorted.
        public var candidates: [String]
        /// The one in the line (nil: the common prefix, as the first Tab left it).
        public var selected: Int?
        /// Where the word starts in the line (characters).
        public var start: Int
        /// The line as the menu left it: any other change to it ends the menu.
        public var line: LineEditor
        /// Why nothing completes (no candidates), shown in the hint until the line changes.
        public var note: String?

        public init(candidates: [String], selected: Int? = nil, start: Int, line: LineEditor, note: String? = nil) {
            self.candidates = candidates
            self.selected = selected
            self.start = start
            self.line = line
            self.note = note
        }
    }

    /// `line` with the characters from `start` to the cursor replaced by `text`, the cursor after it.
    public static func replacing(_ line: LineEditor, from start: Int, with text: String) -> LineEditor {
        let chars = Array(line.text)
        let after = String(chars[line.cursor...])
        var out = LineEditor(String(chars[..<start]) + text + after)
        for _ in 0..<after.count { out.apply(.left) }
        return out
    }

    /// Applies one Tab (`forward`) or Shift-Tab to `editor` with the candidates `words` for the
    /// word before the cursor (`word`, nil: ask ``source(_:purpose:names:)``). A lone candidate
    /// is completed (a space after it when `expectsMore`); several complete their common prefix
    /// and open the menu; with the menu open, Tab takes the next one. Returns what to tell the
    /// user when nothing completes.
    @discardableResult
    public static func step(
        _ editor: inout Editor, forward: Bool, word: String, candidates: [String], expectsMore: Bool
    ) -> String? {
        if var menu = editor.completion, menu.line == editor.line, !menu.candidates.isEmpty {
            let n = menu.candidates.count
            let next = menu.selected.map { (($0 + (forward ? 1 : -1)) % n + n) % n } ?? (forward ? 0 : n - 1)
            menu.selected = next
            editor.line = replacing(editor.line, from: menu.start, with: menu.candidates[next])
            menu.line = editor.line
            editor.completion = menu
            return nil
        }
        editor.completion = nil
        let start = editor.line.cursor - word.count
        switch candidates.count {
        case 0:
            let note = word.isEmpty ? "nothing to complete here" : "nothing completes “\(word)”"
            editor.completion = Menu(candidates: [], start: start, line: editor.line, note: note)
            return note
        case 1:
            let only = candidates[0]
            let space = expectsMore && !only.hasSuffix("/") ? " " : ""
            editor.line = replacing(editor.line, from: start, with: only + space)
            return nil
        default:
            let prefix = commonPrefix(candidates)
            if prefix.count > word.count { editor.line = replacing(editor.line, from: start, with: prefix) }
            editor.completion = Menu(candidates: candidates, start: start, line: editor.line)
            return nil
        }
    }
}
