import Evaluator
import TUICore

// MARK: - Overlays

extension Reducer {
    /// Commands that open an overlay or act inside one.
    static func overlayCommand(_ s: inout AppState, _ command: Command) -> [Effect] {
        switch command {
        case .dashboard, .patterns, .users, .tools, .prompt, .suspects, .leaderboard:
            guard s.data != nil else { return [] }
            let kind: TriageKind =
                switch command {
                case .dashboard: .dashboard
                case .leaderboard: .leaderboard
                case .patterns: .patterns
                case .users: .users
                case .tools: .tools
                case .suspects: .suspects
                default: .prompt
                }
            var t = TriageOverlay(kind: kind)
            layOut(s, &t)
            t.cursor.moveSelectable(.by(0), selectable: t.selectable, count: t.rows.count, rows: Layout(s).overlayRows)
            s.overlay = .triage(t)
        case .nextTemplate, .previousTemplate:
            guard case .triage(var t)? = s.overlay, let template = s.session?.options.promptTemplate else { return [] }
            guard t.kind == .prompt else {
                scrollColumns(&s, &t, right: command == .nextTemplate)
                return []
            }
            let n = TriageRows.promptNames.count
            s.session?.options.promptTemplate = (template + (command == .nextTemplate ? 1 : n - 1)) % n
            t.cursor.top = 0
            s.overlay = .triage(t)
        case .help:
            // The keys of where `?` was pressed come first; closing the help comes back there.
            let first = ExplorerKeymap.contexts(for: s).filter { $0 != .global }
            s.overlay = .help(HelpOverlay(first: first, back: s.overlay))
        case .raw:
            guard s.selectedID != nil else { return [] }
            s.overlay = .raw(rawOverlay(s))
        case .filter:
            guard let session = s.session else { return [] }
            s.overlay = .filter(
                FilterMenu(
                    data: session.data, summaries: session.focused?.summaries,
                    runs: session.scores?.runs.map(\.summaries) ?? [], pair: session.comparedRuns,
                    rescued: Filter.rescuedCases(session), flaky: session.flakyCases))
        case .options:
            if case .options? = s.overlay { return [] }
            s.overlay = .options(cursor: 0)
        case .recentEdits:
            s.overlay = .edits(ListCursor())
        case .toggleFilterItem:
            guard case .filter(let menu)? = s.overlay else { return [] }
            if menu.selectedItem == .rescued, !s.list.filter.rescued, let session = s.session,
                !session.options.scorer.lenient
            {
                s.status.message = Filter.rescuedNeedsLenient
                return []
            }
            s.list.filter.toggle(menu.selectedItem)
            recomputeVisible(&s, keeping: s.selectedID)
        case .clearFilter:
            s.list.filter = Filter()
            s.status.message = "every filter cleared"
            recomputeVisible(&s, keeping: s.selectedID)
        default:
            break
        }
        return []
    }

    /// Changes option `cursor` of the options overlay; options that change how predictions or
    /// gold are read re-score at once.
    static func toggleOption(_ s: inout AppState, _ cursor: Int) -> [Effect] {
        guard s.session != nil else { return [] }
        switch cursor {
        case 0: s.session!.options.scorer.lenient.toggle()
        case 1: s.session!.options.scorer.format = s.session!.options.scorer.format == .reference ? .json : .reference
        case 2: s.session!.options.useCorrectedGold.toggle()
        case 3:
            s.session!.options.autoAdvance.toggle()
            return []
        case 4:
            // Only how numbers are shown: the summary views are laid out again (their key has it).
            s.session!.options.exactValues.toggle()
            return []
        default:
            // The dashboard's Wilson intervals: computed as the rows are laid out (their key has it).
            s.session!.options.confidenceIntervals.toggle()
            return []
        }
        s.session!.version += 1
        return [score(&s, progress: true)]
    }

    /// `:set OPTION` (`value` nil: toggle): the option of the `o` overlay by name.
    static func setOption(_ s: inout AppState, _ option: ExplorerCommandLine.SessionOption, _ value: Bool?) -> [Effect] {
        guard let options = s.session?.options else { return [] }
        let (cursor, current): (Int, Bool) =
            switch option {
            case .lenient: (0, options.scorer.lenient)
            case .json: (1, options.scorer.format == .json)
            case .corrected: (2, options.useCorrectedGold)
            case .advance: (3, options.autoAdvance)
            case .exact: (4, options.exactValues)
            case .ci: (5, options.confidenceIntervals)
            }
        if let value, value == current {
            s.status.message = "\(option.rawValue) is already \(current ? "on" : "off")"
            return []
        }
        let effects = toggleOption(&s, cursor)
        s.status.message = "\(option.rawValue) \(current ? "off" : "on")" + (effects.isEmpty ? "" : "; scoring…")
        return effects
    }

    /// The raw overlay for the selected case at the current width.
    static func rawOverlay(_ s: AppState) -> RawOverlay {
        let width = Layout(s).overlayWidth
        guard let data = s.data, let entry = s.selected else { return RawOverlay(lines: [], width: width) }
        return RawOverlay(lines: RawLines.lines(data, entry, width: width, run: focusedRun(s)), width: width)
    }

    /// The open summary view (if any) laid out again, its cursor kept on a row it can select:
    /// what it shows changed (scores, an option, the suspect threshold, the samples' metric).
    static func relayoutTriage(_ s: inout AppState) {
        guard case .triage(var t)? = s.overlay else { return }
        layOut(s, &t)
        t.cursor.moveSelectable(.by(0), selectable: t.selectable, count: t.rows.count, rows: Layout(s).overlayRows)
        s.overlay = .triage(t)
    }

    /// Lays out the view's rows again when what they show changed (``TriageRows/Key``); the
    /// cursor stays on the row it was on (by its label), wherever the new order puts it, and the
    /// leaderboard's cell cursor in view (the columns scroll to it).
    static func layOut(_ s: AppState, _ t: inout TriageOverlay) {
        guard let context = s.viewContext else { return }
        let key = TriageRows.Key(
            context, t.kind, width: Layout(s).overlayWidth, sort: t.sort, columnOffset: t.columnOffset, cell: t.cell)
        guard key != t.key else { return }
        let old = t.key == nil || t.cursor.index >= t.rows.count ? nil : t.rows[t.cursor.index]
        func rows(_ offset: Int) -> [TriageRow] {
            TriageRows.rows(context, t.kind, width: key.width, sort: t.sort, columnOffset: offset, cell: t.cell)
        }
        t.rows = rows(t.columnOffset)
        // Scrolled further than the width needs (the terminal grew): back as far as every column
        // still fits, so no column stays hidden on the left for nothing.
        while t.columnOffset > 0 {
            let fewer = rows(t.columnOffset - 1)
            if fewer.contains(where: \.overflow) { break }
            t.columnOffset -= 1
            t.rows = fewer
        }
        // The leaderboard's cell cursor out of view: scrolled to it (its column first when it is
        // on the left, one column at a time from the right until it shows).
        if t.kind == .leaderboard, let board = context.triage?.leaderboard, !t.rows.contains(where: { $0.cell != nil }) {
            let c = TriageRows.leaderboardCell(board, t.cell)
            if c < t.columnOffset {
                t.columnOffset = c
                t.rows = rows(c)
            }
            while !t.rows.contains(where: { $0.cell != nil }) && t.rows.contains(where: \.overflow) && t.columnOffset < c {
                t.columnOffset += 1
                t.rows = rows(t.columnOffset)
            }
        }
        t.selectable = t.rows.indices.filter { t.rows[$0].cases != nil }
        t.key = TriageRows.Key(
            context, t.kind, width: key.width, sort: t.sort, columnOffset: t.columnOffset, cell: t.cell)
        if let old,
            let i = t.rows.firstIndex(where: {
                $0.cases != nil && ($0.identity ?? $0.label) == (old.identity ?? old.label) && $0.user == old.user
            }),
            i != t.cursor.index
        {
            t.cursor.index = i
            t.cursor.clamp(count: t.rows.count, rows: Layout(s).overlayRows)
        }
    }

    /// `>` / `<` in a summary view: its tables by the next column (after the last, the model's
    /// order again), or in the reverse order; the selection stays on its row.
    static func sortTriage(_ s: inout AppState, _ command: Command) {
        guard case .triage(var t)? = s.overlay else { return }
        let columns = TriageRows.sortColumns(t.kind, s.data)
        guard !columns.isEmpty else {
            s.status.message = "\(t.kind.title.lowercased()) has no table to sort"
            return
        }
        if command == .sortReverse {
            t.sort.descending.toggle()
        } else {
            let next = t.sort.column.map { $0 + 1 } ?? 0
            t.sort = TriageSort(column: next < columns.count ? next : nil)
        }
        layOut(s, &t)
        s.overlay = .triage(t)
        let order = t.sort.column.map { "sorted by \(columns[$0])" } ?? "in the summary's own order"
        s.status.message = order + (t.sort.descending ? ", descending" : "") + " (> next column, < reverse)"
    }

    /// The leaderboard's cell cursor: `h` / `l` (← / →) a column left or right, `0` / `$` the first
    /// or last column (the table scrolls to keep it in view); `>` / `<` the runs sorted by its
    /// column ascending / descending, the same key again back to the runs' own order.
    static func leaderboardCommand(_ s: inout AppState, _ command: Command) {
        guard case .triage(var t)? = s.overlay, t.kind == .leaderboard, let board = s.session?.triage?.leaderboard,
            !board.columns.isEmpty
        else { return }
        let c = TriageRows.leaderboardCell(board, t.cell)
        switch command {
        case .sortCellAscending, .sortCellDescending:
            let descending = command == .sortCellDescending
            // The sort's columns are the run's name, then the board's.
            if t.sort.column == c + 1 && t.sort.descending == descending {
                t.sort = TriageSort()
                s.status.message = "in the runs' own order"
            } else {
                t.sort = TriageSort(column: c + 1, descending: descending)
                s.status.message =
                    "sorted by \(board.columns[c].title), \(descending ? "descending" : "ascending")"
                    + " (the same key again: the runs' own order)"
            }
        default:
            let target =
                switch command {
                case .cellLeft: c - 1
                case .cellRight: c + 1
                case .firstCell: 0
                default: board.columns.count - 1
                }
            guard board.columns.indices.contains(target), target != c else {
                s.status.message = target <= 0 ? "already at the first column" : "already at the last column"
                return
            }
            t.cell = board.columns[target]
        }
        layOut(s, &t)
        s.overlay = .triage(t)
    }

    /// `l` / `h` (→ / ←) in a summary view: its tables' columns after the frozen label scroll by
    /// one, as far as the last column comes into view.
    static func scrollColumns(_ s: inout AppState, _ t: inout TriageOverlay, right: Bool) {
        if right {
            guard t.overflowsRight else {
                s.status.message = "every column is in view"
                return
            }
            t.columnOffset += 1
        } else {
            guard t.columnOffset > 0 else {
                s.status.message = "already at the first column"
                return
            }
            t.columnOffset -= 1
        }
        layOut(s, &t)
        s.overlay = .triage(t)
    }

    /// Enter on a recent edit: select its case (clearing filters that hide it).
    static func jumpToEdit(_ s: inout AppState) {
        guard let session = s.session, case .edits(let position)? = s.overlay else { return }
        let cursor = position.index
        let data = session.data
        let entries = Array(session.journalEntries.reversed())
        guard cursor < entries.count else { return }
        let key = entries[cursor].key
        guard
            let id = data.cases.firstIndex(where: { data.benchmark.splits[$0.split].name == key.split && $0.index == key.index })
        else {
            s.status.message = "\(key) is not in the loaded data"
            return
        }
        s.overlay = nil
        if !s.list.visible.contains(id) { s.list.filter = Filter() }
        recomputeVisible(&s, keeping: id)
        s.panes.focus = .detail
        clamp(&s)
    }

    /// Enter on a summary row: the list shows exactly its cases; a leaderboard row focuses its run
    /// too (the list's verdicts then are that run's).
    static func drillDown(_ s: inout AppState, _ t: TriageOverlay) -> [Effect] {
        let rows = t.rows
        guard t.cursor.index < rows.count, let cases = rows[t.cursor.index].cases else { return [] }
        let row = rows[t.cursor.index]
        var filter = Filter()
        if let user = row.user {
            filter.users = [user]
            s.panes.contextMode = .profile
        } else {
            filter.slice = Filter.Slice(label: row.label, cases: Set(cases))
        }
        s.list.filter = filter
        s.overlay = nil
        s.panes.focus = .list
        var focused = ""
        var effects: [Effect] = []
        if let run = row.run, let session = s.session, run < session.data.runs.count, session.data.runs.count > 1 {
            s.session?.focusedRun = run
            focused = "; run \(Session.runLetter(run)) focused"
            if let model = session.triage, model.run != run { effects = [.triage] }
        }
        recomputeVisible(&s, keeping: cases.first)
        s.list.cursor.index = 0
        clamp(&s)
        s.status.message = "\(s.list.visible.count) cases: \(row.label)\(focused) (f then x clears the filter)"
        return effects
    }

    // MARK: - Help search

    /// The help as laid out on screen: its width, the glyphs, the search (or the line being typed
    /// for it).
    static func helpPage(_ s: AppState, _ help: HelpOverlay) -> HelpLines.Page {
        HelpLines.page(
            glyphs: s.glyphs, keymap: s.keymap, first: help.first, width: Layout(s).overlayWidth, query: helpQuery(s, help))
    }

    /// What the help highlights: the search being typed in it, else the last one.
    static func helpQuery(_ s: AppState, _ help: HelpOverlay) -> String {
        if case .search? = s.editor?.purpose { return s.editor?.line.text ?? help.query }
        return help.query
    }

    /// Enter on `/` in the help: the matches of `query` highlighted, the first from the top of the
    /// page shown.
    static func searchHelp(_ s: inout AppState, _ query: String) {
        guard case .help(var help)? = s.overlay else { return }
        help.query = query
        s.overlay = .help(help)
        guard !query.isEmpty else { return }
        stepHelpSearch(&s, forward: true, from: help.scroll.offset - 1)
    }

    /// `n` / `N` in the help: the next (previous) row with a match below (above) the top row,
    /// wrapping around; `from` is the row to start after.
    static func stepHelpSearch(_ s: inout AppState, forward: Bool, from: Int? = nil) {
        guard case .help(var help)? = s.overlay else { return }
        guard !help.query.isEmpty else {
            s.status.message = "no search in the help: / searches"
            return
        }
        let page = helpPage(s, help)
        guard !page.matches.isEmpty else {
            s.status.message = "no help line contains “\(help.query)”"
            return
        }
        let start = from ?? help.scroll.offset
        let next =
            forward
            ? page.matches.first { $0 > start } ?? page.matches[0]
            : page.matches.last { $0 < start } ?? page.matches[page.matches.count - 1]
        help.scroll.offset = next
        help.scroll.clamp(lines: page.lines.count, rows: Layout(s).overlayRows)
        s.overlay = .help(help)
        let at = (page.matches.firstIndex(of: next) ?? 0) + 1
        s.status.message = "“\(help.query)”: match \(at)/\(page.matches.count) (n/N next/previous, Esc clears)"
    }
}
