import Evaluator
import TUICore

// MARK: - Line editor

extension Command {
    /// Whether the command edits the line being typed (the keymap's line-editor contexts).
    var isLineEditing: Bool {
        switch self {
        case .submit, .cancel, .deleteBackward, .deleteForward, .cursorLeft, .cursorRight, .lineStart, .lineEnd, .deleteWord,
            .clearLine, .deleteToEnd:
            return true
        default:
            return false
        }
    }

    /// The motion of a move command (nil for every other command).
    var motion: Motion? {
        switch self {
        case .moveDown: return .by(1)
        case .moveUp: return .by(-1)
        case .pageDown: return .pageDown
        case .pageUp: return .pageUp
        case .first: return .first
        case .last: return .last
        default: return nil
        }
    }

    /// The editing step of a line-editing command (nil for submit and cancel).
    var lineEdit: LineEditor.Edit? {
        switch self {
        case .deleteBackward: return .deleteBackward
        case .deleteForward: return .deleteForward
        case .cursorLeft: return .left
        case .cursorRight: return .right
        case .lineStart: return .start
        case .lineEnd: return .end
        case .deleteWord: return .deleteWordBackward
        case .clearLine: return .deleteToStart
        case .deleteToEnd: return .deleteToEnd
        default: return nil
        }
    }
}

extension Reducer {
    /// A line-editing command: edits the line, or ends it (Esc cancels, Enter submits it to what
    /// it was opened for).
    static func edit(_ s: inout AppState, _ command: Command) -> [Effect] {
        guard let editor = s.editor else { return [] }
        if let step = command.lineEdit {
            s.editor?.line.apply(step)
            return []
        }
        s.editor = nil
        guard command == .submit else { return [] }
        let text = editor.line.text
        switch editor.purpose {
        case .search: return submitSearch(&s, text)
        case .export:
            guard !text.isEmpty else { return [] }
            s.status.message = "exporting \(s.list.visible.count) cases…"
            return [.export(path: text, cases: s.list.visible)]
        case .command(let target): return submitCommand(&s, text, target: target)
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
