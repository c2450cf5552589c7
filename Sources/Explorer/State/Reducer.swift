import Evaluator
import TUICore

// MARK: - Reducer

/// The one writer of the state: `reduce(&state, action)` routes an action to the feature model it
/// concerns and returns the effects to run. Pure: no I/O, clock or globals; nothing costly runs
/// here (laying out a case's panes is asked for with ``Effect/buildDetail(request:)``).
public enum Reducer {
    /// Applies `action` to `state`. When the selected case's panes need building, the effects end
    /// with ``Effect/buildDetail(request:)``.
    public static func reduce(_ s: inout AppState, _ action: Action) -> [Effect] {
        let request = s.panes.request
        var effects = apply(&s, action)
        if s.panes.request != request, s.panes.pending != nil { effects.append(.buildDetail(request: s.panes.request)) }
        s.status.logMessage()
        return effects
    }

    static func apply(_ s: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            s.status.message = nil
            return handle(&s, key)
        case .command(let command):
            return run(&s, command)
        case .resize(let width, let height):
            s.width = width
            s.height = height
            if case .raw(var raw)? = s.overlay, raw.width != Layout(s).overlayWidth {
                // Wrapped again for the new width; the scroll position stays (clamped below).
                let wrapped = rawOverlay(s)
                raw.lines = wrapped.lines
                raw.width = wrapped.width
                s.overlay = .raw(raw)
            }
            relayoutReask(&s)
            clamp(&s)
            return []
        case .loaded(let data): return loaded(&s, data)
        case .loadFailed(let why):
            s.status.loadError = why
            return []
        case .scoreProgress(let done, let total):
            // The scoring's workers post as they finish their chunks, not in order: a count under
            // the one shown, of the same scoring (same total), is an older one arriving late.
            if let shown = s.session?.scoring, shown.total == total, shown.done > done { return [] }
            s.session?.scoring = (done, total)
            return []
        case .scored(let result): return scored(&s, result)
        case .journaled(let entry): return applyJournaled(&s, entry)
        case .triaged(let model):
            // A model of an earlier scoring (options changed, an edit since) is dropped.
            guard model.request == s.session?.scores?.result.request else { return [] }
            // A model of a run focused before, when the one there is already of the focused run.
            if let focused = s.session?.focusedRun, model.run != focused, s.session?.triage?.run == focused { return [] }
            // A model of a pair compared before, when the one there is already of the compared pair.
            if let pair = s.session?.comparedRuns, model.pairStatistics?.pair != pair,
                let kept = s.session?.triage?.pairStatistics, kept.pair == pair
            {
                return []
            }
            s.session?.triage = model
            relayoutTriage(&s)
            clamp(&s)
            return []
        case .finished(let message):
            s.status.message = message
            return []
        case .detailBuilt(let built):
            detailBuilt(&s, built)
            return []
        case .pathCompletions(let word, let candidates):
            pathCompletions(&s, word: word, candidates: candidates)
            return []
        case .externallyEdited(let edit, let result, let message):
            externallyEdited(&s, edit, result: result, message: message)
            return []
        case .searchFinished(let query, let matches):
            searchFinished(&s, query, matches)
            return []
        case .reaskAnswered(let answer):
            reaskAnswered(&s, answer)
            clamp(&s)
            return []
        case .reaskFailed(let request, let failure):
            reaskFailed(&s, request: request, failure)
            return []
        case .reaskTick:
            if !s.reask.pending.isEmpty { s.reask.spinner &+= 1 }
            return []
        case .reaskSaved(let saved): return reaskSaved(&s, saved)
        }
    }

    // MARK: - Keys

    /// A key: typed into the line being edited, a mouse event, or looked up in the keymap for the
    /// current contexts and run as a command.
    static func handle(_ s: inout AppState, _ key: Key) -> [Effect] {
        if case .mouse(let m) = key { return mouse(&s, m) }
        if key == .resize { return [] }
        guard let b = binding(s, key) else {
            if s.editor != nil, case .char(let c) = key {
                s.editor?.line.apply(.insert(c))
                return []
            }
            if s.editor == nil { s.status.message = "\(key) does nothing here; ? lists the keys" }
            return []
        }
        let beforeData: Set<Command> = [.quit, .help, .back, .moveDown, .moveUp, .pageDown, .pageUp, .first, .last]
        if s.data == nil && s.editor == nil && !beforeData.contains(b.action) { return [] }
        return run(&s, b.action)
    }

    static func binding(_ s: AppState, _ key: Key) -> KeyBinding<Command>? {
        s.keymap.binding(for: key, in: ExplorerKeymap.contexts(for: s))
    }

    // MARK: - Commands

    /// Runs `command` on the feature model it belongs to.
    static func run(_ s: inout AppState, _ command: Command) -> [Effect] {
        if command.isLineEditing { return edit(&s, command) }
        let effects: [Effect]
        switch command {
        case .quit:
            s.status.quit = true
            return [.quit]
        case .toggleFilterItem:
            // An option that changes how predictions or gold are read re-scores; the case's panes
            // stay until the new scores arrive (`.scored` asks for new ones).
            if case .options(let cursor)? = s.overlay { return toggleOption(&s, cursor) }
            effects = overlayCommand(&s, command)
        case .dashboard, .patterns, .users, .tools, .prompt, .suspects, .leaderboard, .nextTemplate, .previousTemplate, .help,
            .raw, .filter,
            .options, .recentEdits, .clearFilter:
            effects = overlayCommand(&s, command)
        case .accept, .undo, .redo, .confirm, .flag, .note, .editCommand:
            effects = annotate(&s, command)
        case .moreAgreement, .fewerAgreement:
            changeSuspectAgreement(&s, by: command == .moreAgreement ? 1 : -1)
            effects = []
        case .focusNextRun, .focusPreviousRun:
            return focusRun(&s, step: command == .focusNextRun ? 1 : -1)
        case .cellLeft, .cellRight, .firstCell, .lastCell, .sortCellAscending, .sortCellDescending:
            leaderboardCommand(&s, command)
            return []
        case .reask:
            effects = reask(&s)
        case .saveReask:
            effects = saveReask(&s)
        case .copy: return copy(&s)
        case .copyPrediction: return copyPrediction(&s)
        case .page: return page(&s)
        case .externalEditor: return editExternally(&s)
        case .rescore:
            guard s.session != nil else { return [] }
            s.status.message = "scoring…"
            return [score(&s, progress: true)]
        case .reload:
            s.status.message = "reloading the files…"
            return [.reload]
        case .export:
            guard s.data != nil else { return [] }
            s.editor = Editor(.export, text: "ptscope-export.jsonl")
            effects = []
        case .search:
            s.editor = Editor(.search)
            effects = []
        case .sortNext, .sortReverse:
            if case .triage? = s.overlay {
                sortTriage(&s, command)
                return []
            }
            var sort = s.list.sort
            if command == .sortReverse {
                sort.descending.toggle()
            } else {
                sort = sort.next(runs: s.data?.runs.count ?? 1)
            }
            setSort(&s, sort)
            effects = []
        case .searchNext, .searchPrevious, .nextFailure, .previousFailure:
            if case .help? = s.overlay?.kind {
                stepHelpSearch(&s, forward: command == .searchNext)
                return []
            }
            listCommand(&s, command)
            effects = []
        case .toggleContext, .focusNext, .focusPrevious:
            s.panes.update(command, layout: Layout(s))
            effects = []
        case .open:
            if case .edits? = s.overlay?.kind {
                jumpToEdit(&s)
                return []
            }
            if case .runChoice(let choice)? = s.overlay { return acceptChoice(&s, choice) }
            if case .triage(let t)? = s.overlay {
                if t.kind == .suspects {
                    openSuspect(&s, t)
                    return []
                }
                return drillDown(&s, t)
            }
            s.panes.update(command, layout: Layout(s))
            effects = []
        case .back:
            var stop: [Effect] = []
            if case .help(var help)? = s.overlay, !help.query.isEmpty {
                help.query = ""
                s.overlay = .help(help)
                s.status.message = "search cleared"
            } else if case .help(let help)? = s.overlay {
                s.overlay = help.back?.value
            } else if let dropped = dropReask(&s) {
                // The re-ask view closed, or the requests in flight dropped (Esc): stopped.
                stop = dropped
            } else if s.overlay != nil {
                s.overlay = nil
            } else if s.panes.focus != .list {
                s.panes.update(command, layout: Layout(s))
            } else if !s.list.search.query.isEmpty {
                s.list.search = CaseList.Search()
                s.status.message = "search cleared"
            }
            effects = stop
        case .moveDown, .moveUp, .pageDown, .pageUp, .first, .last:
            move(&s, command, Layout(s))
            effects = []
        case .submit, .cancel, .deleteBackward, .deleteForward, .cursorLeft, .cursorRight, .lineStart, .lineEnd, .deleteWord,
            .clearLine, .deleteToEnd, .wordLeft, .wordRight, .deleteWordForward, .historyOlder, .historyNewer, .complete,
            .completeBack:
            effects = []  // line editing: handled above
        }
        clamp(&s)
        return effects
    }

    /// A scoring request: the session's request number goes up (a result of an earlier one is
    /// dropped); with `progress` the header shows it from 0 at once.
    static func score(_ s: inout AppState, progress: Bool = false) -> Effect {
        if progress, let session = s.session {
            let total = session.data.cases.count * session.data.runs.count * (session.options.scorer.lenient ? 2 : 1)
            s.session?.scoring = (0, total)
        }
        s.session?.scoreRequest += 1
        return .score(request: s.session?.scoreRequest ?? 0)
    }

    // MARK: - Moving

    /// A move command in the overlay, the list or the focused pane.
    static func move(_ s: inout AppState, _ command: Command, _ layout: Layout) {
        guard let motion = command.motion else { return }
        if var overlay = s.overlay {
            if case .triage(var t) = overlay {
                layOut(s, &t)
                overlay = .triage(t)
            }
            overlay.move(motion, rows: layout.overlayRows, entries: s.session?.journalEntries.count ?? 0)
            s.overlay = overlay
        } else if s.panes.focus == .list {
            s.list.move(motion, rows: layout.listRows)
        } else {
            s.panes.scroll(motion, layout: layout)
        }
    }

    // MARK: - Mouse

    static func mouse(_ s: inout AppState, _ m: MouseEvent) -> [Effect] {
        guard s.status.mouse, s.overlay == nil, s.editor == nil else { return [] }
        let layout = Layout(s)
        let panes: [(Panes.Pane, Rect?)] = [(.list, layout.list), (.detail, layout.detail), (.context, layout.context)]
        guard
            let (pane, rect) = panes.first(where: {
                $0.1.map { m.x >= $0.x && m.x < $0.maxX && m.y >= $0.y && m.y < $0.maxY } ?? false
            }),
            let rect
        else { return [] }
        let count = s.list.visible.count
        switch m.kind {
        case .click:
            s.panes.focus = pane
            if pane == .list {
                s.list.cursor.click(row: m.y - (rect.y + 1) - Layout.listHeaderRows, count: count, rows: layout.listRows)
            }
        case .wheelUp, .wheelDown:
            let d = m.kind == .wheelDown ? 3 : -3
            switch pane {
            case .list: s.list.cursor.scroll(by: d, count: count, rows: layout.listRows)
            case .detail: s.panes.detailScroll.scroll(.by(d), rows: layout.detailRows)
            case .context: s.panes.contextScroll.scroll(.by(d), rows: layout.contextRows)
            }
        }
        clamp(&s, keepListTop: m.kind != .click)
        return []
    }

    // MARK: - Clamping

    /// Keeps the cursor and every scroll offset inside what exists, and asks for the selected
    /// case's panes when what they show changed.
    static func clamp(_ s: inout AppState, keepListTop: Bool = false) {
        let layout = Layout(s)
        clampList(&s, layout, keepTop: keepListTop)
        requestPanes(&s, layout)
        switch s.overlay {
        case .help(var help)?:
            help.scroll.clamp(lines: helpPage(s, help).lines.count, rows: layout.overlayRows)
            s.overlay = .help(help)
        case .messages(var scroll)?:
            scroll.clamp(lines: MessageLines.lines(s.status.log, width: layout.overlayWidth).count, rows: layout.overlayRows)
            s.overlay = .messages(scroll)
        case .raw(var raw)?:
            raw.scroll.clamp(lines: raw.lines.count, rows: layout.overlayRows)
            s.overlay = .raw(raw)
        case .reask(var reask)?:
            reask.scroll.clamp(lines: reask.lines.count, rows: layout.overlayRows)
            s.overlay = .reask(reask)
        case .triage(var t)?:
            layOut(s, &t)
            s.overlay = .triage(t)
        default:
            break
        }
    }
}
