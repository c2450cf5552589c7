import Evaluator
import TUICore

// MARK: - Getting things out

extension Reducer {
    /// What `y` and `v` take from where the focus is:
    /// - case list and case pane: `y` the selected case's predicted call as text (PTBench's
    ///   `platform:[func(param=value)]` format; the raw prediction when it did not parse), `v` the
    ///   case pane's text;
    /// - context pane: the user profile or the tool catalog (`c` switches), as JSON;
    /// - raw view: `y` the case's JSON, `v` the case's JSON and the prediction line;
    /// - prompt view: the prompt shown (the API messages or the template's string);
    /// - other summary views: `y` the highlighted row, `v` the whole view;
    /// - help and messages: their text.
    ///
    /// Nil, with the reason in the status line, when there is nothing to take.
    static func focusedText(_ s: inout AppState, whole: Bool) -> FocusedText? {
        let picked = pickFocusedText(s, whole: whole)
        switch picked {
        case .success(let text): return text
        case .failure(let why):
            s.status.message = why.description
            return nil
        }
    }

    /// Why nothing was taken.
    struct NothingToTake: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func pickFocusedText(_ s: AppState, whole: Bool) -> Result<FocusedText, NothingToTake> {
        switch s.overlay {
        case .help(let help)?:
            return .success(FocusedText("the help", FocusedText.plain(HelpLines.lines(glyphs: s.glyphs, first: help.first))))
        case .messages?:
            guard !s.status.log.isEmpty else { return .failure(NothingToTake("no messages yet")) }
            return .success(FocusedText("the messages", s.status.log.reversed().joined(separator: "\n")))
        case .raw?:
            return rawText(s, whole: whole)
        case .triage(var t)?:
            layOut(s, &t)
            if t.kind == .prompt { return promptText(s) }
            if whole { return .success(FocusedText("the \(t.kind.rawValue) view", FocusedText.plain(t.rows.map(\.line)))) }
            guard let row = t.rows[safe: t.cursor.index] else { return .failure(NothingToTake("no row to copy")) }
            return .success(FocusedText("the row", FocusedText.plain([row.line]).trimmingLeadingSpaces))
        case .filter?, .options?, .edits?, .runChoice?, .reask?:
            return .failure(NothingToTake("nothing to copy here"))
        case nil:
            break
        }
        guard let data = s.data, let entry = s.selected else { return .failure(NothingToTake("no case selected")) }
        if s.panes.focus == .context {
            guard let json = data.split(of: entry).fullCase(data.benchmarkCase(entry)) else {
                return .failure(NothingToTake("case \(entry.index) could not be decoded"))
            }
            if s.panes.contextMode == .profile {
                let profile = json["user_profile"] ?? .null
                return .success(FocusedText("the user profile", JSONRender.pretty(profile).joined(separator: "\n")))
            }
            let catalog = JSONValue.object(
                JSONObject(members: [("platforms", json["platforms"] ?? .null), ("tools", json["tools"] ?? .null)]))
            return .success(FocusedText("the tool catalog", JSONRender.pretty(catalog).joined(separator: "\n")))
        }
        if whole {
            // The lines as laid out for the pane (laying them out again could take seconds).
            guard let lines = s.panes.lines, lines.key.caseID == entry.id else {
                return .failure(NothingToTake("the case pane is still being built; try again in a moment"))
            }
            return .success(FocusedText("the case pane", FocusedText.plain(lines.detail)))
        }
        // The focused run's call (the one the list's verdict column shows).
        let run = focusedRun(s)
        let detail = s.panes.detail.flatMap { $0.caseID == entry.id ? $0 : nil }
        let verdict =
            detail?.runs[safe: run]?.diagnosis ?? s.verdict(entry.id).flatMap { _ in s.session?.focused?.diagnosis(entry.id) }
        if let parsed = verdict?.prediction {
            // Cut before it is made safe: a copy sends at most Clipboard.limit bytes anyway.
            let text = Clipboard.cut(FocusedText.callText(parsed, limit: Clipboard.limit), to: Clipboard.limit + 1).0
            return .success(FocusedText("the predicted call\(ofRun(s, run))", text))
        }
        return predictionText(s, what: verdict == nil ? "the raw prediction" : "the raw prediction (it did not parse)")
    }

    /// The focused run (0 with one run or no session).
    static func focusedRun(_ s: AppState) -> Int {
        guard let session = s.session else { return 0 }
        return max(0, min(session.focusedRun, session.data.runs.count - 1))
    }

    /// ` of run B` when several runs are loaded, else nothing.
    static func ofRun(_ s: AppState, _ run: Int) -> String {
        (s.data?.runs.count ?? 1) > 1 ? " of run \(Session.runLetter(run))" : ""
    }

    /// `Y`: the selected case's prediction as the focused run's model wrote it (`predict` of its line).
    static func predictionText(_ s: AppState, what: String = "the raw prediction") -> Result<FocusedText, NothingToTake> {
        guard let data = s.data, let entry = s.selected else { return .failure(NothingToTake("no case selected")) }
        let run = focusedRun(s)
        let what = what + ofRun(s, run)
        switch data.predictionLine(entry, run: run) {
        case .text(let t)?, .loneSurrogate(let t)?:
            // Cut before it is made safe: a copy sends at most Clipboard.limit bytes anyway.
            return .success(FocusedText(what, Clipboard.cut(t, to: Clipboard.limit + 1).0))
        case .notText(let v)?:
            return .success(FocusedText(what, JSONRender.compact(v)))
        default:
            return .failure(NothingToTake("case \(entry.index) has no prediction text to copy"))
        }
    }

    /// The raw view: the case's JSON as stored (pretty-printed), and with `whole` its
    /// prediction line after it.
    static func rawText(_ s: AppState, whole: Bool) -> Result<FocusedText, NothingToTake> {
        guard let data = s.data, let entry = s.selected else { return .failure(NothingToTake("no case selected")) }
        guard let json = data.split(of: entry).fullCase(data.benchmarkCase(entry)) else {
            return .failure(NothingToTake("case \(entry.index) could not be decoded"))
        }
        let text = JSONRender.pretty(json).joined(separator: "\n")
        guard whole else { return .success(FocusedText("the case's JSON", text)) }
        switch data.predictionLine(entry, run: focusedRun(s)) {
        case .text(let t)?, .loneSurrogate(let t)?:
            return .success(FocusedText("the raw view", text + "\n\npredict:\n" + t))
        case .notText(let v)?:
            return .success(FocusedText("the raw view", text + "\n\npredict: " + JSONRender.compact(v)))
        default:
            return .success(FocusedText("the raw view", text))
        }
    }

    /// The prompt view's prompt: the API runner's messages or the template's exact string.
    static func promptText(_ s: AppState) -> Result<FocusedText, NothingToTake> {
        guard let data = s.data, let entry = s.selected, let session = s.session,
            let json = data.split(of: entry).fullCase(data.benchmarkCase(entry))
        else { return .failure(NothingToTake("no case selected")) }
        let name = TriageRows.promptNames[session.options.promptTemplate % TriageRows.promptNames.count]
        if name == "api" {
            let text = Prompts.api(case: json).map { "[\($0.role)]\n\($0.content)" }.joined(separator: "\n\n")
            return .success(FocusedText("the API prompt", text))
        }
        guard let r = Prompts.render(template: name, case: json) else {
            return .failure(NothingToTake("no template “\(name)”"))
        }
        return .success(FocusedText("the \(name) prompt", r.text))
    }

    // MARK: - Commands

    /// `y`: the focused text goes to the clipboard (``Effect/copy(_:)``).
    static func copy(_ s: inout AppState) -> [Effect] {
        guard let text = focusedText(&s, whole: false) else { return [] }
        return [.copy(text)]
    }

    /// `Y`: the selected case's raw prediction text to the clipboard.
    static func copyPrediction(_ s: inout AppState) -> [Effect] {
        switch predictionText(s) {
        case .success(let text): return [.copy(text)]
        case .failure(let why):
            s.status.message = why.description
            return []
        }
    }

    /// `v`: the focused text in the pager (``Effect/page(_:)``).
    static func page(_ s: inout AppState) -> [Effect] {
        guard let text = focusedText(&s, whole: true) else { return [] }
        return [.page(text)]
    }

    /// Alt-E in the command line: the note, the reason or the whole line in `$VISUAL`/`$EDITOR`.
    static func editExternally(_ s: inout AppState) -> [Effect] {
        guard let editor = s.editor, case .command = editor.purpose else { return [] }
        return [.editExternally(ExternalEdit.split(editor.line.text))]
    }

    /// The editor came back: its text replaces the part of the line it was given, unless the line
    /// changed meanwhile or the editor failed (the message says why).
    static func externallyEdited(_ s: inout AppState, _ edit: ExternalEdit, result: String?, message: String?) {
        s.status.message = message
        guard let result, let editor = s.editor, case .command = editor.purpose, editor.line.text == edit.line else { return }
        s.editor?.line = LineEditor(edit.prefix + result)
    }
}

// MARK: - ExternalEdit

/// The part of a command line Alt-E hands to the editor: the text after `note ` or `flag `, the
/// reason after ` -- `, else the whole line.
public struct ExternalEdit: Sendable, Equatable {
    /// The line when Alt-E was pressed.
    public var line: String
    /// What stays in front of the edited text.
    public var prefix: String
    /// The text the editor gets.
    public var text: String

    public init(line: String, prefix: String, text: String) {
        self.line = line
        self.prefix = prefix
        self.text = text
    }

    /// `line` split into what stays and what the editor gets.
    public static func split(_ line: String) -> ExternalEdit {
        for word in ["note ", "note! ", "flag ", "flag! "] where line.hasPrefix(word) {
            return ExternalEdit(line: line, prefix: word, text: String(line.dropFirst(word.count)))
        }
        if let r = line.range(of: " -- ") {
            return ExternalEdit(line: line, prefix: String(line[..<r.upperBound]), text: String(line[r.upperBound...]))
        }
        return ExternalEdit(line: line, prefix: "", text: line)
    }

    /// The editor's file content as one line of the command line: a trailing newline dropped,
    /// other newlines (and tabs) become spaces, control characters shown escaped.
    public static func line(fromFile content: String) -> String {
        var text = content
        while text.last == "\n" || text.last == "\r\n" || text.last == "\r" { text.removeLast() }
        let joined = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\t" }
            .joined(separator: " ")
        return Sanitizer.clean(joined)
    }
}

extension String {
    fileprivate var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
