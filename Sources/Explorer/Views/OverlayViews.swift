import Evaluator
import TUICore

// MARK: - OverlayViews

/// The full-screen layers: help, raw JSON, a summary view, recent edits, options and the filter
/// menu, each a block around a paragraph or a selectable list.
enum OverlayViews {
    static func render(_ s: AppState, _ overlay: Overlay, _ layout: Layout, into buf: inout ScreenBuffer) {
        switch overlay {
        case .help(let help):
            let page = Reducer.helpPage(s, help)
            let query = Reducer.helpQuery(s, help)
            let found =
                query.isEmpty
                ? "" : " · “\(Text.clean(query))” \(page.matches.isEmpty ? "not found" : "in \(page.matches.count) lines")"
            text(s, "Help — every key (from the keymap)" + found, page.lines, help.scroll, layout, into: &buf)
        case .messages(let scroll):
            let lines = MessageLines.lines(s.status.log, width: layout.overlayWidth)
            text(s, "Messages (newest first)", lines, scroll, layout, into: &buf)
        case .raw(let raw): text(s, "Raw JSON", raw.lines, raw.scroll, layout, into: &buf)
        case .reask(let reask):
            let asking = s.reask.pending.values.contains(reask.tag) ? " · \(s.reask.spinnerFrame) asking again…" : ""
            text(s, "Asked again — \(Reducer.caseName(s, reask.tag))" + asking, reask.lines, reask.scroll, layout, into: &buf)
        case .options(let cursor): options(s, cursor, layout, into: &buf)
        case .triage(let t): triage(s, t, layout, into: &buf)
        case .edits(let cursor): edits(s, cursor, layout, into: &buf)
        case .runChoice(let choice): runChoice(s, choice, layout, into: &buf)
        case .filter(let menu): if let data = s.data { FilterView.render(s, menu, data, in: layout.overlay, into: &buf) }
        }
    }

    /// Scrolled text under a title that shows the position.
    static func text(
        _ s: AppState, _ title: String, _ lines: [Line], _ scroll: ScrollText, _ layout: Layout, into buf: inout ScreenBuffer
    ) {
        let block = Block(title: Line(title, .title), focused: true, scroll: (scroll.offset, lines.count), glyphs: s.glyphs)
        block.render(in: layout.overlay, into: &buf)
        Paragraph(lines, scroll: scroll, glyphs: s.glyphs).render(in: block.inner(layout.overlay), into: &buf)
    }

    static func triage(_ s: AppState, _ t: TriageOverlay, _ layout: Layout, into buf: inout ScreenBuffer) {
        let block = Block(
            title: Line(t.kind.title, .title), focused: true, scroll: (t.cursor.top, t.rows.count), glyphs: s.glyphs)
        block.render(in: layout.overlay, into: &buf)
        let inner = block.inner(layout.overlay)
        SelectableList(t.rows.map(\.line), cursor: t.cursor, focused: true, selectable: t.selectable, glyphs: s.glyphs)
            .render(in: inner, into: &buf)
        // The leaderboard's cell cursor: the selected row's cell in its column, in the `.match` role
        // (reverse and underline in monochrome) over the row's selection.
        let i = t.cursor.index
        guard i < t.rows.count, let cell = t.rows[i].cell, t.selectable.contains(i), i >= t.cursor.top,
            i - t.cursor.top < inner.height, inner.x + cell.lowerBound < inner.maxX
        else { return }
        let (x, y) = (inner.x + cell.lowerBound, inner.y + i - t.cursor.top)
        buf.fill(Rect(x: x, y: y, width: min(cell.count, inner.maxX - x), height: 1), role: .match)
        buf.put(TriageTable.split(t.rows[i].line, cell).inside.withRole(.match), x: x, y: y, maxX: inner.maxX)
    }

    static func edits(_ s: AppState, _ cursor: ListCursor, _ layout: Layout, into buf: inout ScreenBuffer) {
        let entries = s.session?.journalEntries ?? []
        let path = s.data?.journalPath.map { " · " + Text.clean($0) } ?? ""
        let block = Block(
            title: Line([Span("Recent edits", .title), Span(" \(entries.count)\(path)", .muted)]), focused: true,
            glyphs: s.glyphs)
        block.render(in: layout.overlay, into: &buf)
        let inner = block.inner(layout.overlay)
        if entries.isEmpty {
            buf.put(
                "no edits yet: a accepts a predicted value, : edits the gold, C confirms, ! flags", x: inner.x, y: inner.y,
                role: .muted)
        }
        // Only the rows shown are laid out (a journal can hold many thousands of entries), newest first.
        let shown = cursor.top..<min(entries.count, cursor.top + max(0, inner.height))
        // Numbers right-aligned to the widest one, so the columns after them line up.
        let numberWidth = 1 + String(entries.map(\.seq).max() ?? 0).count
        let rows = shown.map { i -> Line in
            let e = entries[entries.count - 1 - i]
            let number = String(repeating: " ", count: max(0, numberWidth - 1 - String(e.seq).count)) + "#\(e.seq)"
            var text = "\(number)  \(e.time.prefix(19))  \(e.author)  \(e.key)  \(e.kind.rawValue)"
            if let c = e.changes.first { text += "  " + c.summary() }
            if let st = e.status { text += "  → \(st.rawValue)" }
            if let r = e.reason { text += "  (\(r))" }
            if s.session?.annotations.isInEffect(e.seq) == false && e.kind != .undo && e.kind != .redo { text += "  [undone]" }
            return Line(Text.clean(text))
        }
        let window = ListCursor(index: cursor.index - cursor.top, top: 0)
        SelectableList(rows, cursor: window, focused: true, glyphs: s.glyphs).render(in: inner, into: &buf)
    }

    static func options(_ s: AppState, _ cursor: Int, _ layout: Layout, into buf: inout ScreenBuffer) {
        let g = s.glyphs
        let options = s.session?.options ?? SessionOptions()
        let o = layout.overlay
        let rect = Rect(x: o.x, y: o.y, width: o.width, height: min(o.height, 14))
        let block = Block(title: Line("Options", .title), focused: true, glyphs: g)
        block.render(in: rect, into: &buf)
        let inner = block.inner(rect)
        let rows: [Line] = [
            Line([
                Span((options.scorer.lenient ? g.selected : g.unselected) + " ", .key),
                Span("lenient reading: think blocks, fences, tool-call formats, calls inside prose"),
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
            Line([
                Span((options.exactValues ? g.selected : g.unselected) + " ", .key),
                Span("summary views: the CSV files' exact values instead of percentages"),
            ]),
            Line([
                Span((options.confidenceIntervals ? g.selected : g.unselected) + " ", .key),
                Span("dashboard: every accuracy with its 95 % Wilson interval"),
            ]),
        ]
        SelectableList(rows, cursor: ListCursor(index: cursor), focused: true, glyphs: g).render(in: inner, into: &buf)
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
}

// MARK: - Run chooser

extension OverlayViews {
    /// `a` in a comparison: a small box listing each run's predicted value, the chosen one highlighted.
    static func runChoice(_ s: AppState, _ choice: RunChoice, _ layout: Layout, into buf: inout ScreenBuffer) {
        guard let data = s.data else { return }
        let o = layout.overlay
        let rect = Rect(x: o.x, y: o.y, width: o.width, height: min(o.height, choice.choices.count + 4))
        let target = Text.clean("\(choice.function).\(choice.parameter)")
        let title = Line([
            Span("Accept which run's value", .title),
            Span(" · \(target) · case \(TriageRows.caseName(data, choice.caseID))", .muted),
        ])
        let block = Block(title: title, focused: true, glyphs: s.glyphs)
        block.render(in: rect, into: &buf)
        let names = choice.choices.map { Text.clean(data.runs[$0.run].name) }
        let nameWidth = min(30, names.map { TextWidth.of($0) }.max() ?? 0)
        let rows = choice.choices.enumerated().map { i, c in
            Line([
                Span("\(TriageRows.runLetter(c.run))  ", .key),
                Span(TextWidth.pad(TextWidth.truncate(names[i], to: nameWidth), to: nameWidth) + "  "),
                Span(Text.clean(c.shown), c.value == nil ? .muted : .normal),
            ])
        }
        SelectableList(rows, cursor: choice.cursor, focused: true, selectable: choice.selectable, glyphs: s.glyphs)
            .render(in: block.inner(rect), into: &buf)
    }
}
