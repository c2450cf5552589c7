import Evaluator
import TUICore

// MARK: - Line editor

extension Reducer {
    /// A line-editing command: the editor applies it; when the line ends (Esc, Enter) it closes,
    /// and Enter hands the text to what the line was opened for.
    static func edit(_ s: inout AppState, _ command: Command) -> [Effect] {
        guard var editor = s.editor else { return [] }
        let kind = editor.purpose.historyKind
        let outcome = editor.update(command, history: s.history[kind])
        guard case .submitted(let text) = outcome else {
            s.editor = outcome == .cancelled ? nil : editor
            return []
        }
        s.editor = nil
        // The line joins its kind's history (saved first: the effects run in order).
        let saved: [Effect] = s.history.record(text, as: kind) && s.history.file != nil ? [.saveHistory(kind, text)] : []
        switch editor.purpose {
        case .search:
            // `/` in the help searches the help.
            if case .help? = s.overlay?.kind {
                searchHelp(&s, text)
                return saved
            }
            return saved + submitSearch(&s, text)
        case .export:
            guard !text.isEmpty else { return saved }
            s.status.message = "exporting \(s.list.visible.count) cases…"
            return saved + [.export(path: text, cases: s.list.visible)]
        case .command(let target): return saved + submitCommand(&s, text, target: target)
        }
    }

    static func submitSearch(_ s: inout AppState, _ query: String) -> [Effect] {
        guard !query.isEmpty else {
            s.list.search = CaseList.Search()
            return []
        }
        s.list.search = CaseList.Search(query: query)
        s.status.message = "searching for “\(query)”…"
        return [.search(query)]
    }

    /// A search finished: its matches, and a jump to the first when the selection is not one.
    static func searchFinished(_ s: inout AppState, _ query: String, _ matches: [Int]) {
        guard query == s.list.search.query else { return }
        s.list.search.matches = matches
        s.list.search.matchSet = Set(matches)
        if matches.isEmpty {
            s.status.message = "no case contains “\(query)”"
        } else {
            let shown = s.list.visible.filter { s.list.search.matchSet.contains($0) }.count
            let n = matches.count
            s.status.message =
                "\(n) case\(n == 1 ? "" : "s") contain\(n == 1 ? "s" : "") “\(query)” (\(shown) shown); n/N next/previous"
            if let id = s.selectedID, !s.list.search.matchSet.contains(id) { jumpToMatch(&s, forward: true) }
        }
    }
}
