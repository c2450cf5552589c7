import Evaluator
import TUICore

// MARK: - RootView

/// Renders the whole screen for a state. Pure: the same state gives the same buffer.
public enum RootView {
    /// Draws `s` into `buf` (which has the state's size).
    public static func render(_ s: AppState, into buf: inout ScreenBuffer) {
        buf.fill(buf.area)
        let layout = Layout(s)
        if layout.kind == .tooSmall {
            tooSmall(s, into: &buf)
            return
        }
        header(s, layout.header, into: &buf)
        if let data = s.data {
            if let r = layout.list {
                ListView.render(s, data, in: r, focused: s.panes.focus == .list && s.overlay == nil, into: &buf)
            }
            if let r = layout.detail { detail(s, r, into: &buf) }
            if let r = layout.context { context(s, r, into: &buf) }
        } else {
            let msg = s.status.loadError.map { "cannot open: \($0)" } ?? s.status.loading
            let lines = TextWidth.wrap(Text.clean(msg), width: max(10, buf.width - 4))
            for (i, l) in lines.enumerated() { buf.put(l, x: 2, y: 2 + i, role: s.status.loadError == nil ? .muted : .fail) }
        }
        if s.overlay != nil {
            // The overlay floats on a cleared body: nothing of the panes shows beside its border.
            buf.fill(Rect(x: 0, y: 1, width: buf.width, height: buf.height - 2))
        }
        switch s.overlay {
        case .help(let scroll)?:
            overlay(s, title: "Help — every key (from the keymap)", HelpLines.lines(glyphs: s.glyphs), scroll, layout, into: &buf)
        case .raw(let raw)?: overlay(s, title: "Raw JSON", raw.lines, raw.scroll, layout, into: &buf)
        case .options(let cursor)?: options(s, cursor, layout, into: &buf)
        case .triage(let t)?: triage(s, t, layout, into: &buf)
        case .edits(let cursor, let top)?: edits(s, cursor: cursor, top: top, layout, into: &buf)
        case .filter(let menu)?: if let data = s.data { FilterView.render(s, menu, data, in: layout.overlay, into: &buf) }
        case nil: break
        }
        StatusBar.render(s, layout.status, into: &buf)
        if s.glyphs == .ascii { asciiOnly(&buf) }
    }

    /// A terminal without a UTF-8 locale cannot show other characters: the views' own symbols
    /// get ASCII stand-ins, anything else from data becomes `?`.
    static func asciiOnly(_ buf: inout ScreenBuffer) {
        let map: [String: String] = [
            "…": "~", "●": "*", "◆": "@", "★": "*", "•": "*", "█": "_", "—": "-", "↔": "<>", "→": ">", "←": "<", "↑": "^",
            "↓": "v", "−": "-", "⟂": "_", "·": ".",
        ]
        for y in 0..<buf.height {
            for x in 0..<buf.width {
                let cell = buf[x, y]
                if cell.text.utf8.allSatisfy({ $0 < 0x80 }) && !cell.isContinuation { continue }
                if cell.isContinuation {
                    buf[x, y] = Cell(" ", role: cell.role)
                } else {
                    buf[x, y] = Cell(map[cell.text] ?? "?", role: cell.role)
                }
            }
        }
    }

    static func header(_ s: AppState, _ r: Rect, into buf: inout ScreenBuffer) {
        var line = Line([Span(" ptscope ", .title)])
        if let data = s.data {
            line.spans.append(Span(Text.clean(data.runName), .accent))
            line.spans.append(
                Span(
                    "  \(data.cases.count) cases · \(data.users.count) users · \(data.benchmark.splits.count) split\(data.benchmark.splits.count == 1 ? "" : "s")",
                    .muted))
            if let p = s.session?.scoring {
                line.spans.append(Span("  scoring \(p.done)/\(p.total)", .warning))
            } else if let report = s.scores?.report {
                let overall = report.overall?.accuracy[.overall] ?? report.splits.first?.accuracy[.overall] ?? nil
                if let overall { line.spans.append(Span("  overall acc \(percent(overall))", .header)) }
                if report.lenient { line.spans.append(Span("  LENIENT", .warning)) }
            }
        }
        buf.put(Text.fit(line, r.width), x: r.x, y: r.y, maxX: r.maxX)
    }

    static func percent(_ v: Double) -> String {
        let x = (v * 1000).rounded() / 10
        return "\(x)%"
    }

    static func detail(_ s: AppState, _ r: Rect, into buf: inout ScreenBuffer) {
        let focused = s.panes.focus == .detail && s.overlay == nil
        // The lines are laid out off the input loop (a large case takes long): until they fit the
        // pane, it says so rather than laying them out here.
        guard let d = s.panes.detail,
            let lines = s.panes.lines.flatMap({ $0.key.caseID == d.caseID && $0.key.detailWidth == r.width - 2 ? $0.detail : nil }
            )
        else {
            let inner = buf.box(r, title: Line("Case", .title), focused: focused, glyphs: s.glyphs)
            if let id = s.panes.pending?.caseID ?? s.selectedID, let entry = s.data?.cases[id] {
                buf.lines([Line([Span("Case \(entry.index)", .title), Span(" · building…", .muted)])], in: inner, scroll: 0)
            }
            return
        }
        let inner = buf.box(
            r, title: Line([Span("Case", .title), Span(scrollInfo(s.panes.detailScroll, lines.count, r.height - 2), .muted)]),
            focused: focused, glyphs: s.glyphs)
        buf.lines(lines, in: inner, scroll: s.panes.detailScroll)
    }

    static func context(_ s: AppState, _ r: Rect, into buf: inout ScreenBuffer) {
        let focused = s.panes.focus == .context && s.overlay == nil
        let title = s.panes.contextMode.title
        guard let d = s.panes.detail,
            let lines = s.panes.lines.flatMap({
                $0.key.caseID == d.caseID && $0.key.contextWidth == r.width - 2 && $0.key.contextMode == s.panes.contextMode
                    ? $0.context : nil
            })
        else {
            buf.box(r, title: Line(title, .title), focused: focused, glyphs: s.glyphs)
            return
        }
        let inner = buf.box(
            r,
            title: Line([
                Span(title, .title), Span(scrollInfo(s.panes.contextScroll, lines.count, r.height - 2), .muted),
            ]), focused: focused, glyphs: s.glyphs)
        buf.lines(lines, in: inner, scroll: s.panes.contextScroll)
    }

    static func scrollInfo(_ scroll: Int, _ count: Int, _ rows: Int) -> String {
        count > rows ? " \(scroll + 1)-\(min(count, scroll + rows))/\(count)" : ""
    }

    static func overlay(
        _ s: AppState, title: String, _ lines: [Line], _ scroll: Int, _ layout: Layout, into buf: inout ScreenBuffer
    ) {
        let inner = buf.box(
            layout.overlay,
            title: Line([Span(title, .title), Span(scrollInfo(scroll, lines.count, layout.overlayRows), .muted)]),
            focused: true, glyphs: s.glyphs)
        buf.lines(lines, in: inner, scroll: scroll)
    }

    static func triage(_ s: AppState, _ t: TriageOverlay, _ layout: Layout, into buf: inout ScreenBuffer) {
        let rows = t.rows
        let inner = buf.box(
            layout.overlay,
            title: Line([Span(t.kind.title, .title), Span(scrollInfo(t.top, rows.count, layout.overlayRows), .muted)]),
            focused: true, glyphs: s.glyphs)
        for row in 0..<inner.height {
            let i = t.top + row
            guard i < rows.count else { break }
            let y = inner.y + row
            var line = rows[i].line
            if i == t.cursor && rows[i].cases != nil {
                buf.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection)
                line = Line(line.spans.map { Span($0.text, .selection) })
            }
            buf.put(Text.fit(line, inner.width), x: inner.x, y: y, maxX: inner.maxX)
        }
    }

    static func edits(_ s: AppState, cursor: Int, top: Int, _ layout: Layout, into buf: inout ScreenBuffer) {
        let entries = Array((s.session?.journalEntries ?? []).reversed())
        let path = s.data?.journalPath.map { " · " + Text.clean($0) } ?? ""
        let inner = buf.box(
            layout.overlay, title: Line([Span("Recent edits", .title), Span(" \(entries.count)\(path)", .muted)]), focused: true,
            glyphs: s.glyphs)
        if entries.isEmpty {
            buf.put(
                "no edits yet: a accepts a predicted value, : edits the gold, C confirms, ! flags", x: inner.x, y: inner.y,
                role: .muted)
        }
        for row in 0..<inner.height {
            let i = top + row
            guard i < entries.count else { break }
            let e = entries[i]
            let y = inner.y + row
            var text = "#\(e.seq)  \(e.time.prefix(19))  \(e.author)  \(e.key)  \(e.kind.rawValue)"
            if let c = e.changes.first { text += "  " + c.summary() }
            if let st = e.status { text += "  → \(st.rawValue)" }
            if let r = e.reason { text += "  (\(r))" }
            if s.session?.annotations.isInEffect(e.seq) == false && e.kind != .undo && e.kind != .redo { text += "  [undone]" }
            var line = Line(Text.clean(text))
            if i == cursor {
                buf.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection)
                line = Line(line.plain, .selection)
            }
            buf.put(Text.fit(line, inner.width), x: inner.x, y: y, maxX: inner.maxX)
        }
    }

    static func options(_ s: AppState, _ cursor: Int, _ layout: Layout, into buf: inout ScreenBuffer) {
        let g = s.glyphs
        let options = s.session?.options ?? SessionOptions()
        let o = layout.overlay
        let rect = Rect(x: o.x, y: o.y, width: o.width, height: min(o.height, 14))
        let inner = buf.box(rect, title: Line("Options", .title), focused: true, glyphs: g)
        let rows: [Line] = [
            Line([
                Span((options.scorer.lenient ? g.selected : g.unselected) + " ", .key),
                Span("lenient parsing: strip <think> blocks, Markdown fences and prose first"),
            ]),
            Line([
                Span("prediction format: ", .normal),
                Span(
                    options.scorer.format == .reference
                        ? "reference  Platform:[f(a=1)]" : "json  {'platform': ..., 'functions': [...]}", .key),
            ]),
            Line([
                Span((options.useCorrectedGold ? g.selected : g.unselected) + " ", .key),
                Span("score against the corrected gold (the journal's edits); off: the original gold"),
            ]),
            Line([
                Span((options.autoAdvance ? g.selected : g.unselected) + " ", .key),
                Span("after C (confirm) or ! (flag), go to the next failing case"),
            ]),
        ]
        for (i, line) in rows.enumerated() {
            let y = inner.y + i
            if i == cursor {
                buf.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection)
                buf.put(
                    Text.fit(Line(line.spans.map { Span($0.text, .selection) }), inner.width), x: inner.x, y: y, maxX: inner.maxX)
            } else {
                buf.put(Text.fit(line, inner.width), x: inner.x, y: y, maxX: inner.maxX)
            }
        }
        let notes = [
            "Space changes the option under the cursor and re-scores at once.",
            "Lenient numbers are NOT PTBench's: the header says LENIENT and the dashboard shows both readings side by side.",
            "The CSV files of `ptscope score` always keep PTBench's reading.",
        ]
        var y = inner.y + rows.count + 1
        for n in notes {
            for l in TextWidth.wrap(n, width: inner.width) where y < inner.maxY {
                buf.put(l, x: inner.x, y: y, role: .muted, maxX: inner.maxX)
                y += 1
            }
        }
    }

    static func tooSmall(_ s: AppState, into buf: inout ScreenBuffer) {
        let lines = [
            "terminal too small",
            "needs \(Layout.minWidth)×\(Layout.minHeight), have \(s.width)×\(s.height)",
            "enlarge it, or q to quit",
        ]
        let top = max(0, (s.height - lines.count) / 2)
        for (i, l) in lines.enumerated() {
            let t = TextWidth.truncate(l, to: s.width)
            buf.put(t, x: max(0, (s.width - TextWidth.of(t)) / 2), y: top + i, role: i == 0 ? .warning : .muted)
        }
    }
}

// MARK: - StatusBar

/// The bottom line: mode, filter, search, message, and the most useful keys of the context.
enum StatusBar {
    static func render(_ s: AppState, _ r: Rect, into buf: inout ScreenBuffer) {
        guard !r.isEmpty else { return }
        buf.fill(r, role: .statusBar)
        var left: [Span] = []
        // A line being typed takes the whole bar: its prompt, the text with the cursor, the keys.
        if let editor = s.editor {
            let prompt =
                switch editor.purpose {
                case .search: " /"
                case .export: " export to "
                case .command: " :"
                }
            let line = Line(
                [
                    Span(prompt, .key), Span(Text.clean(editor.line.beforeCursor), .statusBar), Span("█", .statusBar),
                    Span(Text.clean(editor.line.afterCursor), .statusBar), Span("  ", .statusBar),
                ] + hintSpans(hintBindings(s), separator: " · ", keySpace: " "))
            buf.put(Text.fit(line, r.width), x: r.x, y: r.y, maxX: r.maxX)
            return
        }
        left.append(Span(" " + mode(s) + " ", .key))
        if let data = s.data, !s.list.filter.isEmpty {
            left.append(Span(" filter: " + Text.clean(s.list.filter.summary(data)), .statusBar))
        }
        let search = s.list.search
        if !search.query.isEmpty {
            var n = " (…)"
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
        if let m = s.status.message { left.append(Span(" " + Text.clean(m), .statusBar)) }
        let leftLine = Line(left)
        // The hints that fit, `? help` and `q quit` always kept: others are dropped from the right.
        var bindings = hintBindings(s)
        let keep: Set<Command> = [.help, .quit, .back]
        func line(_ bs: [KeyBinding<Command>]) -> Line { Line(hintSpans(bs, separator: " · ", keySpace: " ")) }
        let room = r.width - min(leftLine.width, r.width / 2) - 2
        while line(bindings).width > room, let drop = bindings.lastIndex(where: { !keep.contains($0.action) }) {
            bindings.remove(at: drop)
        }
        let hints = line(bindings)
        let leftRoom = max(0, r.width - hints.width - 2)
        buf.put(Text.fit(leftLine, leftRoom), x: r.x, y: r.y, maxX: r.x + leftRoom)
        if hints.width <= r.width - 1 { buf.put(hints, x: r.maxX - hints.width - 1, y: r.y, maxX: r.maxX) }
    }

    /// `key hint · key hint`: the first key of each binding and its hint.
    static func hintSpans(_ bindings: [KeyBinding<Command>], separator: String, keySpace: String) -> [Span] {
        var spans: [Span] = []
        for b in bindings {
            if !spans.isEmpty { spans.append(Span(separator, .statusBar)) }
            spans.append(Span(b.keys[0].description, .key))
            spans.append(Span(keySpace + b.hint, .statusBar))
        }
        return spans
    }

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
        case .raw?: return "RAW"
        case .options?: return "OPTIONS"
        case .triage(let kind)?: return kind.rawValue.uppercased()
        case .edits?: return "EDITS"
        case .filter?: return "FILTER"
        case nil:
            switch s.panes.focus {
            case .list: return "LIST"
            case .detail: return "CASE"
            case .context: return s.panes.contextMode == .catalog ? "CATALOG" : "PROFILE"
            }
        }
    }

    /// The status-flagged bindings of the current contexts, from the keymap table.
    static func hintBindings(_ s: AppState) -> [KeyBinding<Command>] {
        var out: [KeyBinding<Command>] = []
        for context in ExplorerKeymap.contexts(for: s) {
            for section in ExplorerKeymap.table.sections where section.context == context {
                out += section.bindings.filter(\.inStatusBar)
            }
        }
        return out
    }
}
