import Evaluator
import TUICore

// MARK: - Reducer

/// The only place the state changes: `reduce(&state, action)` returns the effects to run.
/// Pure: no I/O, clock or globals. Scroll offsets and the cursor are clamped here.
public enum Reducer {
    /// Applies `action` to `state`. When the selected case's panes need building, the effects end
    /// with ``Effect/buildDetail(request:)``: nothing costly runs here.
    public static func reduce(_ s: inout AppState, _ action: Action) -> [Effect] {
        let request = s.detailRequest
        var effects = apply(&s, action)
        if s.detailRequest != request, s.detailPending != nil { effects.append(.buildDetail(request: s.detailRequest)) }
        return effects
    }

    static func apply(_ s: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            s.message = nil
            return handle(&s, key)
        case .command(let command):
            return run(&s, command)
        case .resize(let width, let height):
            s.width = width
            s.height = height
            if s.overlay == .raw { s.rawLines = RawView.lines(s) }
            clamp(&s)
            return []
        case .loaded(let data):
            // A reload keeps the selection on the same split and index when it still exists.
            let old = s.selected.map { (s.data!.benchmark.splits[$0.split].name, $0.index) }
            let reloaded = s.data != nil
            s.data = data
            s.loadError = nil
            s.verdicts = nil
            s.summaries = nil
            s.runVerdicts = []
            s.runSummaries = []
            s.scoreReport = nil
            s.scoreResult = nil
            s.scoreVersion += 1
            invalidateDetail(&s)
            s.filter.slice = nil
            // Edits saved while this data was loading are newer than the journal it replayed: keep them.
            let loadedUpTo = data.journalEntries.map(\.seq).max() ?? 0
            let newer = s.journalEntries.filter { $0.seq > loadedUpTo }
            s.journalEntries = data.journalEntries + newer
            s.annotations =
                newer.isEmpty ? data.initialAnnotations : Annotations.replay(s.journalEntries, over: data.benchmark)
            if data.journalReadOnly { s.message = data.journalWarnings.first ?? "the annotations journal is read-only" }
            if s.filter.comparisons.count > 0 && data.runs.count < 2 { s.filter.comparisons = [] }
            let keep = old.flatMap { o in data.cases.first { data.benchmark.splits[$0.split].name == o.0 && $0.index == o.1 }?.id
            }
            recomputeVisible(&s, keeping: keep)
            if reloaded {
                // The old data's filter values, views and summaries do not fit the new data.
                s.filter = Filter()
                s.overlay = nil
                s.triage = nil
                recomputeVisible(&s, keeping: keep)
                s.message = "reloaded \(data.cases.count) cases; scoring…"
            }
            return [s.requestScores()]
        case .loadFailed(let why):
            s.loadError = why
            return []
        case .scoreProgress(let done, let total):
            s.scoring = (done, total)
            return []
        case .scored(let result):
            // A result of an older request (options changed, an edit since) is dropped.
            guard result.request == s.scoreRequest else { return [] }
            guard let data = s.data, result.reports.count == data.runs.count,
                result.reports.allSatisfy({ $0.splits.reduce(0) { $0 + $1.verdicts.count } == data.cases.count })
            else {
                s.message = "scoring returned a result that does not fit the loaded data; ignored"
                return []
            }
            s.runVerdicts = result.reports.map { $0.splits.flatMap(\.verdicts) }
            s.runSummaries = s.runVerdicts.map { $0.map(CaseSummary.init) }
            s.verdicts = s.runVerdicts[0]
            s.summaries = s.runSummaries[0]
            s.scoreReport = result.reports[0]
            s.scoreResult = result
            s.scoreVersion += 1
            s.scoring = nil
            if let m = s.message, m.hasSuffix("scoring…") { s.message = "scored \(data.cases.count) cases" }
            invalidateDetail(&s)
            s.triage = nil
            recomputeVisible(&s, keeping: s.selectedID)
            return [.triage]
        case .journaled(let entry):
            return applyJournaled(&s, entry)
        case .triaged(let model):
            s.triage = model
            if case .triage(let kind)? = s.overlay { moveTriage(&s, kind, by: 0) }
            clamp(&s)
            return []
        case .finished(let message):
            s.message = message
            return []
        case .detailBuilt(let built):
            guard built.request == s.detailRequest, let pending = s.detailPending, built.lines.key == pending else { return [] }
            // A new case (or a switch catalog ↔ profile) opens the context pane at its anchor.
            let anchor = built.newDetail || s.paneLines?.key.contextMode != pending.contextMode
            if built.newDetail { s.detailScroll = 0 }
            s.detail = built.detail
            s.paneLines = built.lines
            s.detailPending = nil
            if anchor { s.contextScroll = ContextView.anchor(s, built.detail, in: built.lines.context) }
            clamp(&s)
            return []
        case .searchFinished(let query, let matches):
            guard query == s.search.query else { return [] }
            s.search.matches = matches
            s.search.matchSet = Set(matches)
            if matches.isEmpty {
                s.message = "no case contains “\(query)”"
            } else {
                let shown = s.visible.filter { s.search.matchSet.contains($0) }.count
                s.message =
                    "\(matches.count) case\(matches.count == 1 ? "" : "s") contain\(matches.count == 1 ? "s" : "") “\(query)” (\(shown) shown); n/N next/previous"
                if let id = s.selectedID, !s.search.matchSet.contains(id) { jumpToMatch(&s, forward: true) }
            }
            return []
        }
    }

    // MARK: - Keys

    static func handle(_ s: inout AppState, _ key: Key) -> [Effect] {
        if s.search.input != nil { return typeSearch(&s, key) }
        if s.exportInput != nil { return typeExport(&s, key) }
        if s.commandInput != nil { return typeCommand(&s, key) }
        if case .mouse(let m) = key { return mouse(&s, m) }
        if key == .resize { return [] }
        guard let b = binding(s, key) else {
            s.message = "\(key) does nothing here; ? lists the keys"
            return []
        }
        let beforeData: Set<Command> = [.quit, .help, .back, .moveDown, .moveUp, .pageDown, .pageUp, .first, .last]
        if s.data == nil && !beforeData.contains(b.action) { return [] }
        return run(&s, b.action)
    }

    static func binding(_ s: AppState, _ key: Key) -> KeyBinding<Command>? {
        ExplorerKeymap.table.binding(for: key, in: ExplorerKeymap.contexts(for: s))
    }

    /// One key of a line being typed (search, export path, edit command): shortcuts are suspended,
    /// Backspace deletes, Ctrl-U clears, Esc cancels (Ctrl-C is SIGINT: it quits, as everywhere). Returns the text on Enter; `line`
    /// becomes nil when the line ends (Enter or cancel).
    static func editLine(_ line: inout String?, _ key: Key) -> String? {
        switch key {
        case .enter:
            defer { line = nil }
            return line ?? ""
        case .escape:
            line = nil
        case .backspace, .delete:
            if line?.isEmpty == false { line?.removeLast() }
        case .ctrl("u"):
            line = ""
        case .char(let c):
            line?.append(c)
        default:
            break
        }
        return nil
    }

    static func typeSearch(_ s: inout AppState, _ key: Key) -> [Effect] {
        guard let query = editLine(&s.search.input, key) else { return [] }
        guard !query.isEmpty else {
            clearSearch(&s)
            return []
        }
        s.search.query = query
        s.search.matches = nil
        s.search.matchSet = []
        s.message = "searching for “\(query)”…"
        return [.search(query)]
    }

    static func typeExport(_ s: inout AppState, _ key: Key) -> [Effect] {
        guard let path = editLine(&s.exportInput, key), !path.isEmpty else { return [] }
        s.message = "exporting \(s.visible.count) cases…"
        return [.export(path: path, cases: s.visible)]
    }

    static func clearSearch(_ s: inout AppState) {
        s.search = AppState.SearchState()
    }

    // MARK: - Commands

    static func run(_ s: inout AppState, _ command: Command) -> [Effect] {
        let layout = Layout(s)
        switch command {
        case .quit:
            s.quit = true
            return [.quit]
        case .dashboard, .patterns, .users, .tools, .prompt:
            let kind: TriageKind =
                switch command {
                case .dashboard: .dashboard
                case .patterns: .patterns
                case .users: .users
                case .tools: .tools
                default: .prompt
                }
            guard s.data != nil else { return [] }
            s.overlay = .triage(kind)
            s.triageTop = 0
            s.triageCursor = 0
            moveTriage(&s, kind, by: 0)
        case .nextTemplate, .previousTemplate:
            let n = TriageViews.promptNames.count
            s.promptTemplate = (s.promptTemplate + (command == .nextTemplate ? 1 : n - 1)) % n
            s.triageTop = 0
        case .accept, .undo, .redo, .recentEdits, .confirm, .flag, .note, .editCommand:
            let effects = annotate(&s, command)
            clamp(&s)
            return effects
        case .rescore:
            guard let data = s.data else { return [] }
            s.scoring = (0, data.cases.count * data.runs.count * (s.options.lenient ? 2 : 1))
            s.message = "scoring…"
            return [s.requestScores()]
        case .reload:
            s.message = "reloading the files…"
            return [.reload]
        case .export:
            guard s.data != nil else { return [] }
            s.exportInput = s.exportInput ?? "ptscope-export.jsonl"
        case .options:
            if case .options(let cursor)? = s.overlay {
                s.overlay = .options(cursor: cursor)
            } else {
                s.overlay = .options(cursor: 0)
            }
        case .help:
            s.overlay = .help
            s.overlayScroll = 0
        case .raw:
            guard s.selectedID != nil else { return [] }
            s.overlay = .raw
            s.overlayScroll = 0
            s.rawLines = RawView.lines(s)
        case .filter:
            guard let data = s.data else { return [] }
            s.overlay = .filter(FilterMenu(data: data, summaries: s.summaries, runs: s.runSummaries))
        case .toggleFilterItem:
            if case .options(let cursor)? = s.overlay {
                // Options change how predictions or gold are read: re-score at once.
                switch cursor {
                case 0: s.options.lenient.toggle()
                case 1: s.options.format = s.options.format == .reference ? .json : .reference
                case 2: s.useCorrectedGold.toggle()
                default:
                    s.autoAdvance.toggle()
                    return []
                }
                // The case's panes stay until the new scores arrive (`.scored` asks for new ones).
                s.scoreVersion += 1
                if let data = s.data { s.scoring = (0, data.cases.count * data.runs.count * (s.options.lenient ? 2 : 1)) }
                return [s.requestScores()]
            }
            guard case .filter(let menu)? = s.overlay else { return [] }
            s.filter.toggle(menu.items[menu.cursor])
            recomputeVisible(&s, keeping: s.selectedID)
        case .clearFilter:
            s.filter = Filter()
            s.message = "every filter cleared"
            recomputeVisible(&s, keeping: s.selectedID)
        case .toggleContext:
            s.contextMode = s.contextMode == .catalog ? .profile : .catalog
            if layout.context == nil { s.focus = .context }
        case .search:
            s.search.input = ""
        case .searchNext, .searchPrevious:
            guard !s.search.query.isEmpty else {
                s.message = "no search yet: / starts one"
                return []
            }
            guard s.search.matches != nil else {
                s.message = "still searching for “\(s.search.query)”…"
                return []
            }
            jumpToMatch(&s, forward: command == .searchNext)
        case .nextFailure, .previousFailure:
            jumpToFailure(&s, forward: command == .nextFailure)
        case .focusNext:
            s.focus = AppState.Pane(rawValue: (s.focus.rawValue + 1) % 3)!
        case .focusPrevious:
            s.focus = AppState.Pane(rawValue: (s.focus.rawValue + 2) % 3)!
        case .open:
            if s.overlay == .edits {
                jumpToEdit(&s)
                return []
            }
            if case .triage(let kind)? = s.overlay {
                drillDown(&s, kind)
                return []
            }
            if s.focus == .list { s.focus = .detail } else if s.focus == .detail { s.focus = .context }
        case .back:
            if s.overlay != nil {
                s.overlay = nil
                s.rawLines = []
            } else if s.focus == .context {
                s.focus = .detail
            } else if s.focus == .detail {
                s.focus = .list
            } else if !s.search.query.isEmpty {
                clearSearch(&s)
                s.message = "search cleared"
            }
        case .moveDown, .moveUp, .pageDown, .pageUp, .first, .last:
            move(&s, command, layout)
        }
        clamp(&s)
        return []
    }

    static func move(_ s: inout AppState, _ command: Command, _ layout: Layout) {
        func delta(page: Int) -> Int {
            switch command {
            case .moveDown: return 1
            case .moveUp: return -1
            case .pageDown: return max(1, page - 1)
            case .pageUp: return -max(1, page - 1)
            case .first: return Int.min / 2
            default: return Int.max / 2
            }
        }
        switch s.overlay {
        case .edits?:
            let n = s.journalEntries.count
            s.triageCursor = min(max(0, s.triageCursor &+ delta(page: layout.overlayRows)), max(0, n - 1))
            if s.triageCursor < s.triageTop { s.triageTop = s.triageCursor }
            if s.triageCursor >= s.triageTop + layout.overlayRows { s.triageTop = s.triageCursor - layout.overlayRows + 1 }
        case .triage(let kind)?:
            switch command {
            case .first: moveTriage(&s, kind, by: Int.min / 2)
            case .last: moveTriage(&s, kind, by: Int.max / 2)
            default: moveTriage(&s, kind, by: delta(page: layout.overlayRows))
            }
        case .options(let cursor)?:
            s.overlay = .options(cursor: min(3, max(0, cursor + (delta(page: 2) > 0 ? 1 : -1))))
        case .filter(var menu)?:
            switch command {
            case .first: menu.moveToEdge(last: false)
            case .last: menu.moveToEdge(last: true)
            default: menu.move(delta(page: layout.overlayRows))
            }
            let rows = layout.overlayRows
            if menu.cursor < menu.top { menu.top = menu.cursor }
            if menu.cursor >= menu.top + rows { menu.top = menu.cursor - rows + 1 }
            s.overlay = .filter(menu)
        case .help?, .raw?:
            s.overlayScroll = add(s.overlayScroll, delta(page: layout.overlayRows))
        case nil:
            switch s.focus {
            case .list: s.cursor = add(s.cursor, delta(page: layout.listRows))
            case .detail: s.detailScroll = add(s.detailScroll, delta(page: layout.detailRows))
            case .context: s.contextScroll = add(s.contextScroll, delta(page: layout.contextRows))
            }
        }
    }

    static func add(_ a: Int, _ b: Int) -> Int { max(0, a &+ b) }

    // MARK: - Summary views

    /// Moves a summary view's cursor by `delta` rows onto a selectable row (the prompt view,
    /// which has none, scrolls instead) and keeps it on screen.
    static func moveTriage(_ s: inout AppState, _ kind: TriageKind, by delta: Int) {
        let layout = Layout(s)
        let rows = TriageViews.rows(s, kind, width: layout.overlayWidth)
        let page = layout.overlayRows
        let selectable = rows.indices.filter { rows[$0].cases != nil }
        if selectable.isEmpty {
            s.triageTop = min(max(0, add(s.triageTop, delta)), max(0, rows.count - page))
            return
        }
        let target = min(max(0, s.triageCursor &+ delta), rows.count - 1)
        // The nearest selectable row in the direction of travel.
        if delta >= 0 {
            s.triageCursor = selectable.first { $0 >= target } ?? selectable.last!
        } else {
            s.triageCursor = selectable.last { $0 <= target } ?? selectable.first!
        }
        if s.triageCursor < s.triageTop { s.triageTop = max(0, s.triageCursor - 1) }
        if s.triageCursor >= s.triageTop + page { s.triageTop = s.triageCursor - page + 1 }
        if delta < 0 && s.triageCursor == selectable.first { s.triageTop = 0 }
    }

    /// Enter on a recent edit: select its case (clearing filters that hide it).
    static func jumpToEdit(_ s: inout AppState) {
        guard let data = s.data else { return }
        let entries = Array(s.journalEntries.reversed())
        guard s.triageCursor < entries.count else { return }
        let key = entries[s.triageCursor].key
        guard
            let id = data.cases.firstIndex(where: { data.benchmark.splits[$0.split].name == key.split && $0.index == key.index })
        else {
            s.message = "\(key) is not in the loaded data"
            return
        }
        s.overlay = nil
        if !s.visible.contains(id) { s.filter = Filter() }
        recomputeVisible(&s, keeping: id)
        s.focus = .detail
        clamp(&s)
    }

    /// Enter on a summary row: the list shows exactly its cases.
    static func drillDown(_ s: inout AppState, _ kind: TriageKind) {
        let rows = TriageViews.rows(s, kind, width: Layout(s).overlayWidth)
        guard s.triageCursor < rows.count, let cases = rows[s.triageCursor].cases else { return }
        let row = rows[s.triageCursor]
        var filter = Filter()
        if let user = row.user {
            filter.users = [user]
            s.contextMode = .profile
        } else {
            filter.slice = Filter.Slice(label: row.label, cases: Set(cases))
        }
        s.filter = filter
        s.overlay = nil
        s.focus = .list
        recomputeVisible(&s, keeping: cases.first)
        s.cursor = 0
        clamp(&s)
        s.message = "\(s.visible.count) cases: \(row.label) (f then x clears the filter)"
    }

    // MARK: - Jumps

    static func jumpToFailure(_ s: inout AppState, forward: Bool) {
        guard s.verdicts != nil else {
            s.message = "still scoring; failing cases are known when it finishes"
            return
        }
        let summaries = s.summaries ?? []
        let found = find(&s, forward: forward) { id in id < summaries.count && summaries[id].isFailing }
        if !found { s.message = "no failing case in this list" }
    }

    static func jumpToMatch(_ s: inout AppState, forward: Bool) {
        let set = s.search.matchSet
        if !find(&s, forward: forward, { set.contains($0) }) {
            s.message = "no case in this list contains “\(s.search.query)”"
        }
    }

    /// Moves the cursor to the next (previous) visible case satisfying `test`, wrapping once.
    @discardableResult
    static func find(_ s: inout AppState, forward: Bool, _ test: (Int) -> Bool) -> Bool {
        let n = s.visible.count
        guard n > 0 else { return false }
        for step in 1...n {
            let i = forward ? (s.cursor + step) % n : ((s.cursor - step) % n + n) % n
            if test(s.visible[i]) {
                if forward ? i <= s.cursor : i >= s.cursor {
                    s.message = forward ? "wrapped to the top" : "wrapped to the bottom"
                }
                s.cursor = i
                s.focus = s.focus == .context ? .detail : s.focus
                clamp(&s)
                return true
            }
        }
        return false
    }

    // MARK: - Mouse

    static func mouse(_ s: inout AppState, _ m: MouseEvent) -> [Effect] {
        guard s.mouse, s.overlay == nil else { return [] }
        let layout = Layout(s)
        let panes: [(AppState.Pane, Rect?)] = [(.list, layout.list), (.detail, layout.detail), (.context, layout.context)]
        guard
            let (pane, rect) = panes.first(where: {
                $0.1.map { m.x >= $0.x && m.x < $0.maxX && m.y >= $0.y && m.y < $0.maxY } ?? false
            }),
            let rect
        else { return [] }
        switch m.kind {
        case .click:
            s.focus = pane
            if pane == .list {
                let row = m.y - (rect.y + 1) - Layout.listHeaderRows
                if row >= 0 && s.listTop + row < s.visible.count { s.cursor = s.listTop + row }
            }
        case .wheelUp, .wheelDown:
            let d = m.kind == .wheelDown ? 3 : -3
            switch pane {
            case .list:
                s.listTop = add(s.listTop, d)
                s.cursor = min(max(s.cursor, s.listTop), s.listTop + max(0, layout.listRows - 1))
            case .detail: s.detailScroll = add(s.detailScroll, d)
            case .context: s.contextScroll = add(s.contextScroll, d)
            }
        }
        clamp(&s, keepListTop: m.kind != .click)
        return []
    }

    // MARK: - Visible list and clamping

    /// Re-applies the filter, keeping the selection on `id` (or the nearest case after it).
    static func recomputeVisible(_ s: inout AppState, keeping id: Int?) {
        guard let data = s.data else { return }
        if s.filter.isEmpty {
            s.visible = Array(0..<data.cases.count)
        } else {
            let filter = s.filter
            var visible: [Int] = []
            visible.reserveCapacity(data.cases.count)
            // The cheap dimensions first, as bit masks and flags: 100,000 cases filter in a few ms.
            var verdictMask: UInt8 = 0
            for v in filter.verdicts { verdictMask |= 1 << UInt8(Filter.Verdict.allCases.firstIndex(of: v)!) }
            var errorMask: UInt8 = 0
            for e in filter.errors {
                switch e {
                case .column(let c): errorMask |= 1 << UInt8(ErrorColumn.allCases.firstIndex(of: c)!)
                case .platform: errorMask |= 1 << 6
                }
            }
            let verdictIndex = Filter.Verdict.allCases
            let summaries = s.summaries ?? []
            let runSummaries = s.runSummaries
            let needsEntry =
                !filter.splits.isEmpty || !filter.scenarios.isEmpty || !filter.platforms.isEmpty || !filter.users.isEmpty
            for i in 0..<data.cases.count {
                let sum: CaseSummary? = i < summaries.count ? summaries[i] : nil
                if verdictMask != 0 {
                    let v = sum?.verdict ?? .unscored
                    if verdictMask & (1 << UInt8(verdictIndex.firstIndex(of: v)!)) == 0 { continue }
                }
                if errorMask != 0 && (sum?.errorBits ?? 0) & errorMask == 0 { continue }
                if needsEntry && !filter.matches(data.cases[i], sum) { continue }
                if let slice = filter.slice, !slice.cases.contains(i) { continue }
                if !filter.statuses.isEmpty {
                    let e = data.cases[i]
                    let st = s.annotations.corrected(data.benchmarkCase(e), in: data.split(of: e))?.status ?? .unreviewed
                    if !filter.statuses.contains(st) { continue }
                }
                if !filter.comparisons.isEmpty && !filter.matchesComparison(i, runSummaries) { continue }
                visible.append(i)
            }
            s.visible = visible
        }
        if let summaries = s.summaries {
            var c = (pass: 0, fail: 0, format: 0)
            for id in s.visible {
                switch summaries[id].verdict {
                case .pass: c.pass += 1
                case .fail: c.fail += 1
                case .format: c.format += 1
                case .unscored: break
                }
            }
            s.visibleCounts = c
        } else {
            s.visibleCounts = nil
        }
        if let id {
            // visible is sorted by id: binary search for the first id >= the old one.
            var lo = 0
            var hi = s.visible.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if s.visible[mid] < id { lo = mid + 1 } else { hi = mid }
            }
            s.cursor = lo
        } else {
            s.cursor = 0
        }
        clamp(&s)
    }

    /// Drops the selected case's detail and lines (and any build under way): what they show
    /// changed (scores, options, gold); the next ``clamp(_:keepListTop:)`` asks for them again.
    static func invalidateDetail(_ s: inout AppState) {
        s.detail = nil
        s.paneLines = nil
        s.detailPending = nil
    }

    /// Keeps cursor and scroll offsets inside what exists and rebuilds the case detail when the
    /// selection changed.
    static func clamp(_ s: inout AppState, keepListTop: Bool = false) {
        let layout = Layout(s)
        s.cursor = min(max(0, s.cursor), max(0, s.visible.count - 1))
        let rows = max(1, layout.listRows)
        if !keepListTop {
            if s.cursor < s.listTop { s.listTop = s.cursor }
            if s.cursor >= s.listTop + rows { s.listTop = s.cursor - rows + 1 }
        }
        s.listTop = min(max(0, s.listTop), max(0, s.visible.count - rows))

        // The panes of the selected case: asked for (built off the input loop) when what they show
        // changed; a detail of another case is dropped at once.
        if s.data != nil, let entry = s.selected {
            if s.detail?.caseID != entry.id {
                s.detail = nil
                s.paneLines = nil
            }
            let key = PaneLines.Key(
                caseID: entry.id, detailWidth: layout.detailWidth, contextWidth: layout.contextWidth,
                contextMode: s.contextMode, query: s.search.query, scoreVersion: s.scoreVersion, glyphs: s.glyphs)
            if s.paneLines?.key != key && s.detailPending != key {
                s.detailPending = key
                s.detailRequest += 1
            } else if s.paneLines?.key == key {
                s.detailPending = nil
            }
        } else {
            s.detail = nil
            s.paneLines = nil
            s.detailPending = nil
        }
        if let lines = s.paneLines {
            s.detailScroll = min(s.detailScroll, max(0, lines.detail.count - layout.detailRows))
            s.contextScroll = min(s.contextScroll, max(0, lines.context.count - layout.contextRows))
        }
        switch s.overlay {
        case .help?:
            s.overlayScroll = min(s.overlayScroll, max(0, HelpView.lines(s).count - layout.overlayRows))
        case .raw?:
            s.overlayScroll = min(s.overlayScroll, max(0, s.rawLines.count - layout.overlayRows))
        default:
            break
        }
    }
}
