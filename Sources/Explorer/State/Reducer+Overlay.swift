import Evaluator
import TUICore

// MARK: - Overlays

extension Reducer {
    /// Commands that open an overlay or act inside one.
    static func overlayCommand(_ s: inout AppState, _ command: Command) -> [Effect] {
        switch command {
        case .dashboard, .patterns, .users, .tools, .prompt:
            guard s.data != nil else { return [] }
            let kind: TriageKind =
                switch command {
                case .dashboard: .dashboard
                case .patterns: .patterns
                case .users: .users
                case .tools: .tools
                default: .prompt
                }
            var t = TriageOverlay(kind: kind)
            moveTriage(&s, &t, by: 0)
            s.overlay = .triage(t)
        case .nextTemplate, .previousTemplate:
            guard case .triage(var t)? = s.overlay, let template = s.session?.options.promptTemplate else { return [] }
            let n = TriageRows.promptNames.count
            s.session?.options.promptTemplate = (template + (command == .nextTemplate ? 1 : n - 1)) % n
            t.top = 0
            s.overlay = .triage(t)
        case .help:
            s.overlay = .help(scroll: 0)
        case .raw:
            guard s.selectedID != nil else { return [] }
            s.overlay = .raw(rawOverlay(s))
        case .filter:
            guard let session = s.session else { return [] }
            s.overlay = .filter(
                FilterMenu(
                    data: session.data, summaries: session.scores?.primary.summaries,
                    runs: session.scores?.runs.map(\.summaries) ?? []))
        case .options:
            if case .options? = s.overlay { return [] }
            s.overlay = .options(cursor: 0)
        case .recentEdits:
            s.overlay = .edits(cursor: 0, top: 0)
        case .toggleFilterItem:
            guard case .filter(let menu)? = s.overlay else { return [] }
            s.list.filter.toggle(menu.items[menu.cursor])
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
        default:
            s.session!.options.autoAdvance.toggle()
            return []
        }
        s.session!.version += 1
        return [score(&s, progress: true)]
    }

    /// The raw overlay for the selected case at the current width.
    static func rawOverlay(_ s: AppState) -> RawOverlay {
        let width = Layout(s).overlayWidth
        guard let data = s.data, let entry = s.selected else { return RawOverlay(lines: [], width: width) }
        return RawOverlay(lines: RawLines.lines(data, entry, width: width), width: width)
    }

    /// A move command inside the overlay.
    static func moveOverlay(_ s: inout AppState, _ command: Command, _ layout: Layout) {
        let rows = layout.overlayRows
        switch s.overlay {
        case .edits(var cursor, var top)?:
            let n = s.session?.journalEntries.count ?? 0
            cursor = min(max(0, cursor &+ delta(command, page: rows)), max(0, n - 1))
            if cursor < top { top = cursor }
            if cursor >= top + rows { top = cursor - rows + 1 }
            s.overlay = .edits(cursor: cursor, top: top)
        case .triage(var t)?:
            switch command {
            case .first: moveTriage(&s, &t, by: Int.min / 2)
            case .last: moveTriage(&s, &t, by: Int.max / 2)
            default: moveTriage(&s, &t, by: delta(command, page: rows))
            }
            s.overlay = .triage(t)
        case .options(let cursor)?:
            s.overlay = .options(cursor: min(3, max(0, cursor &+ delta(command, page: 4))))
        case .filter(var menu)?:
            switch command {
            case .first: menu.moveToEdge(last: false)
            case .last: menu.moveToEdge(last: true)
            default: menu.move(delta(command, page: rows))
            }
            if menu.cursor < menu.top { menu.top = menu.cursor }
            if menu.cursor >= menu.top + rows { menu.top = menu.cursor - rows + 1 }
            s.overlay = .filter(menu)
        case .help(let scroll)?:
            s.overlay = .help(scroll: add(scroll, delta(command, page: rows)))
        case .raw(var raw)?:
            raw.scroll = add(raw.scroll, delta(command, page: rows))
            s.overlay = .raw(raw)
        case nil:
            break
        }
    }

    /// Moves a summary view's cursor by `delta` rows onto a selectable row (the prompt view,
    /// which has none, scrolls instead) and keeps it on screen.
    static func moveTriage(_ s: inout AppState, _ t: inout TriageOverlay, by delta: Int) {
        layOut(s, &t)
        let rows = t.rows
        let page = Layout(s).overlayRows
        let selectable = rows.indices.filter { rows[$0].cases != nil }
        if selectable.isEmpty {
            t.top = min(max(0, add(t.top, delta)), max(0, rows.count - page))
            return
        }
        let target = min(max(0, t.cursor &+ delta), rows.count - 1)
        // The nearest selectable row in the direction of travel.
        if delta >= 0 {
            t.cursor = selectable.first { $0 >= target } ?? selectable.last!
        } else {
            t.cursor = selectable.last { $0 <= target } ?? selectable.first!
        }
        if t.cursor < t.top { t.top = max(0, t.cursor - 1) }
        if t.cursor >= t.top + page { t.top = t.cursor - page + 1 }
        if delta < 0 && t.cursor == selectable.first { t.top = 0 }
    }

    /// Lays out the view's rows again when what they show changed (``TriageRows/Key``).
    static func layOut(_ s: AppState, _ t: inout TriageOverlay) {
        guard let context = s.viewContext else { return }
        let key = TriageRows.Key(context, t.kind, width: Layout(s).overlayWidth)
        guard key != t.key else { return }
        t.rows = TriageRows.rows(context, t.kind, width: key.width)
        t.key = key
    }

    /// Enter on a recent edit: select its case (clearing filters that hide it).
    static func jumpToEdit(_ s: inout AppState) {
        guard let session = s.session, case .edits(let cursor, _)? = s.overlay else { return }
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

    /// Enter on a summary row: the list shows exactly its cases.
    static func drillDown(_ s: inout AppState, _ t: TriageOverlay) {
        let rows = t.rows
        guard t.cursor < rows.count, let cases = rows[t.cursor].cases else { return }
        let row = rows[t.cursor]
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
        recomputeVisible(&s, keeping: cases.first)
        s.list.cursor = 0
        clamp(&s)
        s.status.message = "\(s.list.visible.count) cases: \(row.label) (f then x clears the filter)"
    }
}
