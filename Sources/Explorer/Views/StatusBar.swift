import Evaluator
import TUICore

// MARK: - StatusBar

/// The bottom line: mode, filter, search, message, and the most useful keys of the context.
enum StatusBar {
    static func render(_ s: AppState, _ r: Rect, into buf: inout ScreenBuffer) {
        guard !r.isEmpty else { return }
        let hints = hintBindings(s).map {
            StatusLine.Hint(key: $0.keys[0].description, label: label($0, s), keep: alwaysShown.contains($0.action))
        }
        // A line being typed takes the whole bar: its prompt, the text with the cursor, the keys.
        if let editor = s.editor {
            buf.fill(r, role: .statusBar)
            let prompt =
                switch editor.purpose {
                case .search: " /"
                case .export: " export to "
                case .command: " :"
                }
            let bar = StatusLine(left: Line(""), hints: hints, glyphs: s.glyphs)
            let line =
                Line([
                    Span(prompt, .statusKey), Span(Text.clean(editor.line.beforeCursor), .statusBar),
                    Span(s.glyphs.cursor, .statusBar), Span(Text.clean(editor.line.afterCursor), .statusBar),
                    Span("  ", .statusBar),
                ])
                // A message about the line (the editor Alt-E started failed) stands in for the
                // keys until the next key.
                + (s.status.message.map { Line(Text.clean($0), .statusBar) } ?? bar.hintLine(hints))
            buf.put(line.fitted(to: r.width, ellipsis: s.glyphs.ellipsis), x: r.x, y: r.y, maxX: r.maxX)
            return
        }
        var left: [Span] = [Span(" " + mode(s) + " ", .statusKey)]
        // In a comparison, the run the list's verdicts and counts are of (the header names it).
        if let session = s.session, session.data.runs.count > 1 {
            left.append(Span(" run \(Session.runLetter(session.focusedRun)) ", .statusBar))
        }
        if let data = s.data, !s.list.filter.isEmpty {
            left.append(Span(" filter: " + Text.clean(s.list.filter.summary(data)), .statusBar))
        }
        let search = s.list.search
        if !search.query.isEmpty {
            var n = " (\(s.glyphs.ellipsis))"
            if let matches = search.matches {
                // "3/14" when the selected case is a match, else the count.
                if let id = s.selectedID, let at = position(of: id, in: matches) {
                    n = " \(at + 1)/\(matches.count)"
                } else {
                    n = " (\(matches.count))"
                }
            }
            left.append(Span(" /" + Text.clean(search.query) + n, .statusBar))
        }
        // `A`: a request in flight spins here until its answer comes (or Esc drops it).
        if !s.reask.pending.isEmpty {
            let n = s.reask.pending.count
            left.append(Span(" \(s.reask.spinnerFrame) asking\(n > 1 ? " (\(n))" : "")", .statusKey))
        }
        if let m = s.status.message { left.append(Span(" " + Text.clean(m), .statusBar)) }
        // The hints that fit, `? help`, `q quit` and `Esc back` always kept: others are dropped from the right.
        StatusLine(left: Line(left), hints: hints, glyphs: s.glyphs).render(in: r, into: &buf)
    }

    /// The row above a line being typed: the completions Tab found, or the syntax of what is typed
    /// (``CommandHint``), cut to the width.
    static func hint(_ s: AppState, _ r: Rect, into buf: inout ScreenBuffer) {
        guard let editor = s.editor, !r.isEmpty else { return }
        buf.fill(r, role: .muted)
        let line = Line([Span(" " + Text.clean(CommandHint.text(editor)), .muted)])
        buf.put(line.fitted(to: r.width, ellipsis: s.glyphs.ellipsis), x: r.x, y: r.y, maxX: r.maxX)
    }

    /// A binding's hint from the keymap, with what it acts on where that is not obvious: the
    /// export path's Enter says how many cases it writes.
    static func label(_ b: KeyBinding<Command>, _ s: AppState) -> String {
        if b.action == .submit, case .export? = s.editor?.purpose {
            return "\(b.hint) \(s.list.visible.count) cases (.csv or .jsonl)"
        }
        return b.hint
    }

    /// The commands whose hint the status bar never drops.
    static let alwaysShown: Set<Command> = [.help, .quit, .back, .cancel]

    static func position(of id: Int, in sorted: [Int]) -> Int? {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == id ? lo : nil
    }

    static func mode(_ s: AppState) -> String {
        switch s.overlay?.kind {
        case .help?: return "HELP"
        case .messages?: return "MESSAGES"
        case .raw?: return "RAW"
        case .options?: return "OPTIONS"
        case .triage(let kind)?: return kind.rawValue.uppercased()
        case .edits?: return "EDITS"
        case .runChoice?: return "ACCEPT"
        case .reask?: return "ASKED AGAIN"
        case .filter?: return "FILTER"
        case nil:
            switch s.panes.focus {
            case .list: return "LIST"
            case .detail: return "CASE"
            case .context: return s.panes.contextMode == .catalog ? "CATALOG" : "PROFILE"
            }
        }
    }

    /// The status-flagged bindings of the current contexts, from the state's keymap; a command
    /// shows once, with the keys of its most specific context (a remapped key hides a global one).
    static func hintBindings(_ s: AppState) -> [KeyBinding<Command>] {
        var out: [KeyBinding<Command>] = []
        for context in ExplorerKeymap.contexts(for: s) {
            for section in s.keymap.sections where section.context == context {
                out += section.bindings.filter { b in b.inStatusBar && !out.contains { $0.action == b.action } }
            }
        }
        return out
    }
}
