import Evaluator
import TUICore

// MARK: - Asking again (`A`, issue 14)

extension Reducer {
    /// Why `A` does nothing without an endpoint.
    static let noAsker =
        "A cannot ask again: open the explorer with --base-url URL --model NAME, or on a run whose folder has a "
        + "run.json naming an endpoint"

    /// `A`: in the re-ask view, asks its case again; elsewhere shows the selected case's answer
    /// asked before, or asks for one (in the background; the status line spins meanwhile).
    static func reask(_ s: inout AppState) -> [Effect] {
        guard s.session != nil else { return [] }
        let tag: Reask.Tag
        var again = false
        if case .reask(let o)? = s.overlay {
            tag = o.tag
            again = true
        } else {
            guard let id = s.selectedID else {
                s.status.message = "A: no case is selected"
                return []
            }
            tag = Reask.Tag(caseID: id, run: focusedRun(s))
        }
        guard let asker = s.asker else {
            s.status.message = noAsker
            return []
        }
        guard let source = asker.source(run: tag.run) else {
            s.status.message = Text.clean(asker.refusal(run: tag.run))
            return []
        }
        if !again, s.reask.answers[tag] != nil {
            openReask(&s, tag)
            return []
        }
        if s.reask.pending.values.contains(tag) {
            s.status.message = "still asking for this case (Esc drops it)"
            return []
        }
        s.reask.lastRequest += 1
        let request = s.reask.lastRequest
        s.reask.pending[request] = tag
        s.status.message = "asking \(Text.clean(source)) for \(caseName(s, tag)) again… (keys work; Esc drops it)"
        return [.reask(request: request, caseID: tag.caseID, run: tag.run)]
    }

    /// "case T 12" (with the run's letter in a comparison).
    static func caseName(_ s: AppState, _ tag: Reask.Tag) -> String {
        guard let data = s.data, tag.caseID < data.cases.count else { return "case \(tag.caseID)" }
        let entry = data.cases[tag.caseID]
        let run = data.runs.count > 1 ? " of run \(Session.runLetter(tag.run))" : ""
        return "case \(data.splitLetter(entry.split)) \(entry.index)\(run)"
    }

    /// Every answer asked again scored again against the gold and options in effect now (the runs
    /// were scored again: a gold edit, a changed option), and the open view laid out again.
    static func rescoreReask(_ s: inout AppState) {
        guard let session = s.session, !s.reask.answers.isEmpty else { return }
        let data = session.data
        for (tag, answer) in s.reask.answers where tag.caseID < data.cases.count && tag.run < data.runs.count {
            s.reask.answers[tag] = answer.rescored(in: session)
        }
        relayoutReask(&s, always: true)
    }

    /// Opens the re-ask view on `tag`'s answer.
    static func openReask(_ s: inout AppState, _ tag: Reask.Tag) {
        let width = Layout(s).overlayWidth
        s.overlay = .reask(ReaskOverlay(tag: tag, lines: reaskLines(s, tag, width: width), width: width))
    }

    static func reaskLines(_ s: AppState, _ tag: Reask.Tag, width: Int) -> [Line] {
        guard let context = s.viewContext, let answer = s.reask.answers[tag] else { return [] }
        return ReaskLines.lines(context, answer, width: width)
    }

    /// An answer came back: kept for its case and run (whatever is selected now); shown when its
    /// case is still the one on screen, else said. An answer of a dropped request is ignored.
    static func reaskAnswered(_ s: inout AppState, _ answer: Reask.Answer) {
        guard s.reask.pending.removeValue(forKey: answer.request) == answer.tag else { return }
        // Scored off the input loop against the session as it was asked; a gold edit or a changed
        // option since then: scored again against what is in effect now.
        if let session = s.session, session.version != answer.scoredAt {
            s.reask.answers[answer.tag] = answer.rescored(in: session)
        } else {
            s.reask.answers[answer.tag] = answer
        }
        if case .reask(var o)? = s.overlay, o.tag == answer.tag {
            o.lines = reaskLines(s, answer.tag, width: o.width)
            o.scroll = ScrollText()
            s.overlay = .reask(o)
            s.status.message = "\(caseName(s, answer.tag)): the new answer (not saved)"
        } else if s.overlay == nil, s.editor == nil, s.selectedID == answer.tag.caseID, focusedRun(s) == answer.tag.run {
            openReask(&s, answer.tag)
            s.status.message = "\(caseName(s, answer.tag)): the new answer (not saved)"
        } else {
            s.status.message = "\(caseName(s, answer.tag)): the new answer is in (A on that case shows it)"
        }
    }

    /// Asking failed: said on one line; the answer asked before (if any) stays.
    static func reaskFailed(_ s: inout AppState, request: Int, _ failure: ReaskFailure) {
        guard let tag = s.reask.pending.removeValue(forKey: request) else { return }
        let line = failure.message.split(whereSeparator: \.isNewline).joined(separator: "; ")
        s.status.message = "\(caseName(s, tag)) not asked again: " + Text.clean(line)
    }

    /// Esc while asking: the view closes and its request is dropped; with no view open, every
    /// request in flight is dropped. The effect stopping the dropped requests; nil when nothing
    /// was dropped or closed.
    static func dropReask(_ s: inout AppState) -> [Effect]? {
        if case .reask(let o)? = s.overlay {
            let dropped = s.reask.pending.filter { $0.value == o.tag }.map(\.key).sorted()
            for r in dropped { s.reask.pending[r] = nil }
            s.overlay = nil
            guard !dropped.isEmpty else { return [] }
            s.status.message = "dropped the answer being asked for \(caseName(s, o.tag))"
            return [.dropReask(requests: dropped)]
        }
        guard s.overlay == nil, s.editor == nil, !s.reask.pending.isEmpty else { return nil }
        let dropped = s.reask.pending.keys.sorted()
        s.reask.pending = [:]
        s.status.message = "dropped \(dropped.count == 1 ? "the answer" : "\(dropped.count) answers") being asked again"
        return [.dropReask(requests: dropped)]
    }

    /// `W` in the re-ask view: writes the view's run's answers asked again as a new run.
    static func saveReask(_ s: inout AppState) -> [Effect] {
        guard case .reask(let o)? = s.overlay else { return [] }
        guard s.reask.answers.keys.contains(where: { $0.run == o.tag.run }) else {
            s.status.message = "no answer asked again to save yet"
            return []
        }
        s.status.message = "saving the answers asked again as a new run…"
        return [.saveReask(run: o.tag.run)]
    }

    /// `W`'s new run was written: it is opened after the other runs and everything is scored again
    /// (the list, the comparisons and the dashboards gain it; the view and the filter stay), and
    /// `A` asks its cases as the recorded run's. The recorded run is unchanged.
    static func reaskSaved(_ s: inout AppState, _ saved: ReaskRun.Saved) -> [Effect] {
        s.status.message = saved.message
        guard let run = saved.run, let data = s.data else { return [] }
        guard data.runs.count < LaunchPlan.maximumRuns else {
            s.status.message = saved.message + "; not opened here: \(LaunchPlan.maximumRuns) runs are open, the most"
            return []
        }
        s.session?.data = data.adding(run)
        // Its cases are asked again where its answers asked again came from.
        s.asker = s.asker?.adding(run: data.runs.count, askedAs: saved.source)
        let n = saved.answers
        s.status.message =
            "opened run \(Session.runLetter(data.runs.count)) \(run.name): \(n) answer\(n == 1 ? "" : "s") asked again, "
            + "saved in \(saved.folder) (the recorded run is unchanged)"
        invalidateDetail(&s)
        return [score(&s, progress: true)]
    }

    /// The re-ask view laid out again for a new width (`always`: its answer changed too).
    static func relayoutReask(_ s: inout AppState, always: Bool = false) {
        guard case .reask(var o)? = s.overlay, always || o.width != Layout(s).overlayWidth else { return }
        o.width = Layout(s).overlayWidth
        o.lines = reaskLines(s, o.tag, width: o.width)
        s.overlay = .reask(o)
    }
}
