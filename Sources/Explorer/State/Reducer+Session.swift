import Evaluator
import TUICore

// MARK: - Session results

extension Reducer {
    /// Data arrived (the first load or a reload): a new session, the selection kept on the same
    /// split and index when it still exists, and scoring asked for.
    static func loaded(_ s: inout AppState, _ data: ExplorerData) -> [Effect] {
        let old = s.session
        let keepSplitIndex = s.selected.map { (old!.data.benchmark.splits[$0.split].name, $0.index) }
        var session = Session(data: data, options: s.startOptions, after: old)
        // Edits saved while this data was loading are newer than the journal it replayed: keep them.
        let loadedUpTo = data.journalEntries.map(\.seq).max() ?? 0
        let newer = (old?.journalEntries ?? []).filter { $0.seq > loadedUpTo }
        if !newer.isEmpty {
            session.journalEntries = data.journalEntries + newer
            session.annotations = Annotations.replay(session.journalEntries, over: data.benchmark)
        }
        s.session = session
        s.status.loadError = nil
        invalidateDetail(&s)
        if data.journalReadOnly {
            s.status.message = data.journalWarnings.first ?? "the annotations journal is read-only"
        } else if let notice = data.journalNotice {
            s.status.message = notice
        }
        let keep = keepSplitIndex.flatMap { o in
            data.cases.first { data.benchmark.splits[$0.split].name == o.0 && $0.index == o.1 }?.id
        }
        if old != nil {
            // The old data's filter values, views and summaries do not fit the new data.
            s.list.filter = Filter()
            s.overlay = nil
            s.status.message = "reloaded \(data.cases.count) cases; scoring…"
        } else {
            s.list.filter.slice = nil
            if s.list.filter.comparisons.count > 0 && data.runs.count < 2 { s.list.filter.comparisons = [] }
        }
        if old == nil, let saved = s.restore {
            applyRestore(&s, saved, data)
            recomputeVisible(&s, keeping: saved.caseID(in: data))
        } else {
            recomputeVisible(&s, keeping: keep)
        }
        return [score(&s)]
    }

    /// Scores arrived: kept when they answer the latest request and fit the data.
    static func scored(_ s: inout AppState, _ result: ScoreResult) -> [Effect] {
        guard let session = s.session, result.request == session.scoreRequest else { return [] }
        let data = session.data
        guard result.reports.count == data.runs.count,
            result.reports.allSatisfy({ $0.splits.reduce(0) { $0 + $1.verdicts.count } == data.cases.count })
        else {
            s.status.message = "scoring returned a result that does not fit the loaded data; ignored"
            return []
        }
        s.session?.scores = Scores(result)
        s.session?.version += 1
        s.session?.scoring = nil
        s.session?.triage = nil
        if let m = s.status.message, m.hasSuffix("scoring…") { s.status.message = "scored \(data.cases.count) cases" }
        invalidateDetail(&s)
        rescoreReask(&s)
        // The restored case: a verdict filter hid it until now.
        let restored = s.restore.flatMap { $0.caseID(in: data) }
        s.restore = nil
        recomputeVisible(&s, keeping: restored ?? s.selectedID)
        return [.triage]
    }

    /// Puts the saved view's filter, order, focus and context mode into the first session.
    static func applyRestore(_ s: inout AppState, _ saved: SavedView, _ data: ExplorerData) {
        s.list.filter = saved.filter(on: data)
        s.list.sort = CaseSort(CaseSort.Column(rawValue: saved.sort) ?? .index, descending: saved.descending)
        s.panes.focus = ["detail": .detail, "context": .context][saved.focus] ?? .list
        s.panes.contextMode = saved.context == "profile" ? .profile : .catalog
        if let run = saved.focusedRun(in: data) { s.session?.focusedRun = run }
        if let pair = saved.comparedRuns(in: data) { s.session?.chosenPair = pair }
        let first = saved.caseID(in: data) == nil || saved.caseID(in: data) == 0
        let runs = (s.session?.focusedRun ?? 0) == 0 && s.session?.chosenPair == nil
        let plain = s.list.filter.isEmpty && s.list.sort.isNatural && s.panes.focus == .list && first && runs
        if !plain && (s.status.message == nil || s.status.message?.isEmpty == true) {
            s.status.message = "restored \(saved.summary(on: data)) (ptscope --fresh starts anew)"
        }
    }

    /// The selected case's panes were built: kept when they answer the latest request.
    static func detailBuilt(_ s: inout AppState, _ built: DetailBuild) {
        guard built.request == s.panes.request, let pending = s.panes.pending, built.lines.key == pending else { return }
        // A new case (or a switch catalog ↔ profile) opens the context pane at its anchor.
        let anchor = built.newDetail || s.panes.lines?.key.contextMode != pending.contextMode
        if built.newDetail { s.panes.detailScroll = ScrollText() }
        s.panes.detail = built.detail
        s.panes.lines = built.lines
        s.panes.pending = nil
        if anchor { s.panes.contextScroll = ScrollText(offset: built.lines.contextAnchor) }
        clamp(&s)
    }
}
