import Evaluator

// MARK: - ExplorerCommandLine

/// What a line typed after `:` asks for: a jump, an explorer command, or a gold edit.
///
/// Navigation and explorer commands are read here; anything whose first word is an edit command
/// (``EditCommand``) is left to it; anything else is an unknown command, answered with the closest
/// names that exist.
public enum ExplorerCommandLine: Sendable, Equatable {
    /// `:N` — case N of the selected case's split; `:U N`, `:T N` — of the split with that letter.
    case jump(split: String?, index: Int)
    /// `:q`, `:quit`.
    case quit
    /// `:help [TOPIC]`: the help, opened at a topic (``HelpTopic``) when one is named.
    case help(topic: String?)
    /// `:messages`: every status message so far, newest first.
    case messages
    /// `:set OPTION` / `:set noOPTION` / `:set OPTION!` (toggle): the `o` options by name.
    case set(SessionOption, to: Bool?)
    /// `:sort COLUMN [desc]`: the case list's order.
    case sort(CaseSort)
    /// `:filter WORD…` (``FilterCommand``, read against the data); `:filter` alone opens the menu.
    case filter([String])
    /// `:theme NAME` (a bundled theme or a JSON5 file); `:theme` alone lists the themes.
    case theme(String?)
    /// A gold edit (the text as typed).
    case edit(String)
    /// `:set suspect K`: the suspect-gold queue's K (nil: `:set suspect` alone, the default).
    case suspectAgreement(Int?)
    /// `:run NAME|LETTER|N`: the focused run of a comparison.
    case run(String)
    /// `:compare X Y`: the two runs compared (alone: the first and the focused run).
    case compare([String])
    /// `:leaderboard`, `:board`: the leaderboard (`L`).
    case leaderboard
    /// `:samples METRIC`: what a sample of a sample set passes (alone: the overall verdict).
    case samples(Metric)

    /// The `o` options by the names `:set` takes.
    public enum SessionOption: String, Sendable, CaseIterable {
        case lenient
        case json
        case corrected
        case advance
        case exact
        case ci
    }

    /// The explorer's own command words (besides a case number), as suggestions list them.
    static let commandWords = [
        "quit", "help", "messages", "set", "sort", "filter", "theme", "run", "compare", "leaderboard", "samples",
    ]

    /// The help lines for the `?` overlay.
    public static let helpLines: [(String, String)] = [
        ("N · U N · T N", "jump to case N of the selected case's split (U: untrained, T: trained users)"),
        ("set lenient|json|corrected|advance|exact|ci", "turn an o option on (noNAME: off, NAME!: toggle)"),
        ("set suspect K", "the suspect-gold queue (S) lists values K or more runs agree on (alone: half the runs, at least 2)"),
        (
            "sort index|user|scenario|platform|verdict|runB…|error|status [desc]",
            "order the case list (> next column, < reverse; runB: run B's verdict in a comparison)"
        ),
        (
            "filter VALUE… · filter DIMENSION VALUE · filter clear",
            "the filter menu's choices by name (filter fail platform Amazon)"
        ),
        (
            "filter adjudicate",
            "the cases merged journals disagree on (ptscope annotations merge); each annotator's version in the case pane"
        ),
        ("theme [NAME|PATH]", "switch the colour theme (alone: list the themes)"),
        ("run NAME|LETTER|N", "focus a run of a comparison (as b and B do): the list and views follow it"),
        ("compare X Y", "the two runs regressions, improvements and the side-by-side view compare (alone: A and the focused)"),
        ("messages", "every status message and warning so far, in full, newest first"),
        ("leaderboard · board", "every run's PTBench metrics and errors side by side (as L)"),
        (
            "samples " + Metric.perCase.map(\.rawValue).joined(separator: "|"),
            "with a sample set: what a case passes in pass@k, pass^k, flaky and the pane's tally (alone: overall)"
        ),
        ("help [TOPIC] · q", "this help, at a topic (help list, help edits; help help lists them) · quit"),
        ("Tab · Shift-Tab", "complete the word; several: the common part, then Tab/Shift-Tab step through them"),
    ]

    /// Words an edit command starts with (``EditCommand``).
    static let editWords = ["platform", "alt", "fn", "param", "status", "flag", "confirm", "note"]

    /// Reads `line`; nil for an empty line.
    public static func parse(_ line: String) throws(Failure) -> ExplorerCommandLine? {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first else { return nil }
        if words.count == 1, let n = Int(first) { return try jump(nil, n) }
        if words.count == 2, first.count == 1, first.first?.isLetter == true, let n = Int(words[1]) {
            return try jump(first.uppercased(), n)
        }
        switch first {
        case "q", "quit": return .quit
        case "help":
            guard words.count <= 2 else { throw Failure("help takes one topic: help TOPIC (help alone lists them)") }
            return .help(topic: words.count == 2 ? words[1] : nil)
        case "filter": return .filter(Array(words.dropFirst()))
        case "theme":
            // A path may hold spaces: everything after the word.
            let rest = line.drop(while: \.isWhitespace).dropFirst("theme".count).drop(while: \.isWhitespace)
            let path = String(rest.reversed().drop(while: \.isWhitespace).reversed())
            return .theme(path.isEmpty ? nil : path)
        case "messages", "mes": return .messages
        case "run":
            // A run's name may hold spaces: everything after the word.
            let rest = line.drop(while: \.isWhitespace).dropFirst("run".count).drop(while: \.isWhitespace)
            let name = String(rest.reversed().drop(while: \.isWhitespace).reversed())
            guard !name.isEmpty else { throw Failure("run needs a run: run B, run 2 or run NAME") }
            return .run(name)
        case "compare":
            guard words.count == 1 || words.count == 3 else {
                throw Failure("compare takes two runs: compare A C (alone: the first and the focused run)")
            }
            return .compare(Array(words.dropFirst()))
        case "leaderboard", "board": return .leaderboard
        case "samples":
            guard words.count <= 2 else { throw Failure("samples takes one metric: samples tool_names (alone: overall)") }
            guard words.count == 2 else { return .samples(.overall) }
            guard let metric = Metric(rawValue: words[1]), Metric.perCase.contains(metric) else {
                throw Failure(
                    "samples needs a metric a case passes or fails: "
                        + Metric.perCase.map(\.rawValue).joined(separator: ", ") + "; got “\(words[1])”")
            }
            return .samples(metric)
        case "sort":
            guard words.count >= 2, words.count <= 3, let sort = CaseSort(name: words[1] == "#" ? "index" : words[1]) else {
                let columns = CaseSort.columnNames(runs: 1)
                let near = words.count > 1 ? closest(words[1], in: columns) : nil
                throw Failure(
                    "sort needs a column" + (near.map { ": did you mean “\($0)”?" } ?? "")
                        + " (\(columns.joined(separator: ", ")), runB… in a comparison; then desc or asc)")
            }
            guard words.count == 2 || ["desc", "asc"].contains(words[2]) else {
                throw Failure("sort \(sort.name) takes desc or asc, got “\(words[2])”")
            }
            return .sort(CaseSort(sort.column, descending: words.count == 3 && words[2] == "desc", run: sort.run))
        case "set" where words.count >= 2 && words[1] == "suspect":
            guard words.count <= 3 else { throw Failure("set suspect takes one number: set suspect K (alone: the default)") }
            guard words.count == 3 else { return .suspectAgreement(nil) }
            guard let k = Int(words[2]), k >= 2 else {
                throw Failure("set suspect K needs a whole number of runs, 2 or more; got “\(words[2])”")
            }
            return .suspectAgreement(k)
        case "set":
            guard words.count == 2 else { throw Failure("set needs one option: set lenient|json|corrected|advance|exact|ci") }
            return try set(words[1])
        default:
            // A gold edit, forced past the catalog check when its word ends in `!` (`platform! X`).
            if editWords.contains(first) || (first.hasSuffix("!") && editWords.contains(String(first.dropLast()))) {
                return .edit(line)
            }
            throw unknown(first)
        }
    }

    static func jump(_ split: String?, _ n: Int) throws(Failure) -> ExplorerCommandLine {
        guard n >= 0 else { throw Failure("case numbers start at 0, got \(n)") }
        return .jump(split: split, index: n)
    }

    static func set(_ word: String) throws(Failure) -> ExplorerCommandLine {
        var name = Substring(word)
        var value: Bool? = true
        if name.hasSuffix("!") {
            name = name.dropLast()
            value = nil
        } else if name.hasPrefix("no"), SessionOption(rawValue: String(name.dropFirst(2))) != nil {
            name = name.dropFirst(2)
            value = false
        }
        guard let option = SessionOption(rawValue: String(name)) else {
            let known = SessionOption.allCases.map(\.rawValue)
            let near = closest(String(name), in: known)
            throw Failure(
                "unknown option “\(word)”" + (near.map { ": did you mean “\($0)”?" } ?? "")
                    + " (options: \(known.joined(separator: ", ")))")
        }
        return .set(option, to: value)
    }

    /// An unknown command, with the closest names first.
    static func unknown(_ word: String) -> Failure {
        let all = commandWords + editWords
        let near = closest(word, in: all)
        return Failure(
            "unknown command “\(word)”" + (near.map { ": did you mean “\($0)”?" } ?? "")
                + " (commands: N, U N, T N, \(all.joined(separator: ", ")); ? lists them)")
    }

    /// The name of `names` nearest to `word` (edit distance at most a third of the word, at least
    /// 1; a prefix counts as near), nil when none is.
    static func closest(_ word: String, in names: [String]) -> String? {
        if let prefixed = names.first(where: { $0.hasPrefix(word) && !word.isEmpty }) { return prefixed }
        let scored = names.map { ($0, distance(word, $0)) }.min { $0.1 < $1.1 }
        guard let (name, d) = scored, d <= max(1, word.count / 3) else { return nil }
        return name
    }

    /// Edit distance between two strings, by characters: insertions, deletions, substitutions and
    /// swaps of two neighbours (a typo such as `quti` is one step from `quit`).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    /// Why a line cannot be read.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}
