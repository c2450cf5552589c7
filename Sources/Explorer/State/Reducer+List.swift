import Evaluator
import TUICore

// MARK: - Case list

extension Reducer {
    /// `]` `[` `n` `N`: jumps in the list.
    static func listCommand(_ s: inout AppState, _ command: Command) {
        switch command {
        case .searchNext, .searchPrevious:
            let search = s.list.search
            guard !search.query.isEmpty else {
                s.status.message = "no search yet: / starts one"
                return
            }
            guard search.matches != nil else {
                s.status.message = "still searching for “\(search.query)”…"
                return
            }
            jumpToMatch(&s, forward: command == .searchNext)
        default:
            jumpToFailure(&s, forward: command == .nextFailure)
        }
    }

    /// `:N`, `:U N`, `:T N`: selects case N of a split (the selected case's, or the one with that
    /// letter), clearing the filter when it hides the case.
    static func jump(_ s: inout AppState, split letter: String?, index: Int) {
        guard let data = s.data else { return }
        let splits = data.benchmark.splits.indices
        let split: Int
        if let letter {
            guard let found = splits.first(where: { data.splitLetter($0) == letter }) else {
                let known = splits.map { "\(data.splitLetter($0)) (\(data.benchmark.splits[$0].name))" }
                s.status.message = "no split \(letter): \(known.joined(separator: ", "))"
                return
            }
            split = found
        } else {
            split = s.selected?.split ?? 0
        }
        let name = data.benchmark.splits[split].name
        guard let id = data.cases.firstIndex(where: { $0.split == split && $0.index == index }) else {
            let count = data.splitCounts[split]
            s.status.message = "no case \(index) in \(name): its cases are 0…\(max(0, count - 1))"
            return
        }
        if !s.list.visible.contains(id) {
            s.list.filter = Filter()
            s.status.message = "case \(index) of \(name) (the filter was cleared to show it)"
        }
        recomputeVisible(&s, keeping: id)
    }

    /// Orders the case list (`>`, `<`, `:sort`), keeping the selection on its case.
    static func setSort(_ s: inout AppState, _ sort: CaseSort) {
        let runs = s.data?.runs.count ?? 1
        guard sort.run < runs else {
            s.status.message = "no \(sort.name): \(runs == 1 ? "one run is" : "\(runs) runs are") loaded (--compare adds runs)"
            return
        }
        s.list.sort = sort
        recomputeVisible(&s, keeping: s.selectedID)
        s.status.message =
            sort.isNatural ? "in the data's order" : "sorted by \(sort.name)\(sort.descending ? ", descending" : "")"
    }

    static func jumpToFailure(_ s: inout AppState, forward: Bool) {
        guard let scores = s.scores else {
            s.status.message = "still scoring; failing cases are known when it finishes"
            return
        }
        let summaries = s.session?.focused?.summaries ?? scores.primary.summaries
        let found = find(&s, forward: forward) { id in id < summaries.count && summaries[id].isFailing }
        if !found { s.status.message = "no failing case in this list" }
    }

    static func jumpToMatch(_ s: inout AppState, forward: Bool) {
        let set = s.list.search.matchSet
        if !find(&s, forward: forward, { set.contains($0) }) {
            s.status.message = "no case in this list contains “\(s.list.search.query)”"
        }
    }

    /// Moves the cursor to the next (previous) visible case satisfying `test`, wrapping once.
    @discardableResult
    static func find(_ s: inout AppState, forward: Bool, _ test: (Int) -> Bool) -> Bool {
        let visible = s.list.visible
        let n = visible.count
        guard n > 0 else { return false }
        let cursor = s.list.cursor.index
        for step in 1...n {
            let i = forward ? (cursor + step) % n : ((cursor - step) % n + n) % n
            if test(visible[i]) {
                if forward ? i <= cursor : i >= cursor {
                    s.status.message = forward ? "wrapped to the top" : "wrapped to the bottom"
                }
                s.list.cursor.index = i
                if s.panes.focus == .context { s.panes.focus = .detail }
                clamp(&s)
                return true
            }
        }
        return false
    }

    /// Re-applies the filter, keeping the selection on `id` (or the nearest case after it).
    static func recomputeVisible(_ s: inout AppState, keeping id: Int?) {
        guard let session = s.session else { return }
        s.list.visible = s.list.sort.apply(CaseList.visible(session, filter: s.list.filter), session)
        s.list.counts = session.scores.map { CaseList.counts(s.list.visible, $0.run(session.focusedRun).summaries) }
        if let id, !s.list.sort.isNatural {
            s.list.cursor.index = s.list.visible.firstIndex(of: id) ?? 0
        } else if let id {
            // visible is sorted by id: binary search for the first id >= the old one.
            var lo = 0
            var hi = s.list.visible.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if s.list.visible[mid] < id { lo = mid + 1 } else { hi = mid }
            }
            s.list.cursor.index = lo
        } else {
            s.list.cursor.index = 0
        }
        clamp(&s)
    }

    /// Keeps the list's cursor on a case and on screen.
    static func clampList(_ s: inout AppState, _ layout: Layout, keepTop: Bool) {
        let count = s.list.visible.count
        if keepTop {
            s.list.cursor.clampKeepingTop(count: count, rows: layout.listRows)
        } else {
            s.list.cursor.clamp(count: count, rows: layout.listRows)
        }
    }
}

extension CaseList {
    /// The ids of `session`'s cases that pass `filter`, in order.
    static func visible(_ session: Session, filter: Filter) -> [Int] {
        let data = session.data
        if filter.isEmpty { return Array(0..<data.cases.count) }
        var visible: [Int] = []
        visible.reserveCapacity(data.cases.count)
        // The cheap dimensions first, as bit masks and flags: 100,000 cases filter in a few ms.
        var verdictMask: UInt8 = 0
        for v in filter.verdicts { verdictMask |= 1 << UInt8(Filter.Verdict.allCases.firstIndex(of: v)!) }
        let errorMask = filter.errors.reduce(UInt8(0)) { $0 | $1.bit }
        let verdictIndex = Filter.Verdict.allCases
        let summaries = session.focused?.summaries ?? []
        let runSummaries = session.scores?.runs.map(\.summaries) ?? []
        let pair = session.comparedRuns
        let needsEntry =
            !filter.splits.isEmpty || !filter.scenarios.isEmpty || !filter.platforms.isEmpty || !filter.users.isEmpty
        // Without the lenient reading the rescued filter filters nothing out (it was refused when asked for).
        let rescued = filter.rescued ? Filter.rescuedCases(session) : nil
        // Without a scored sample set the flaky filter filters nothing out (refused when asked for).
        let flaky = filter.flaky ? session.flakyCases : nil
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
                let st = session.annotation(i)?.status ?? .unreviewed
                if !filter.statuses.contains(st) { continue }
            }
            if !filter.comparisons.isEmpty && !filter.matchesComparison(i, runSummaries, pair: pair) { continue }
            if let rescued, !(i < rescued.count && rescued[i]) { continue }
            if let flaky, !(i < flaky.count && flaky[i]) { continue }
            visible.append(i)
        }
        return visible
    }

    /// pass / fail / format counts of `ids`.
    static func counts(_ ids: [Int], _ summaries: [CaseSummary]) -> (pass: Int, fail: Int, format: Int) {
        var c = (pass: 0, fail: 0, format: 0)
        for id in ids {
            switch summaries[id].verdict {
            case .pass: c.pass += 1
            case .fail: c.fail += 1
            case .format: c.format += 1
            case .unscored: break
            }
        }
        return c
    }
}
