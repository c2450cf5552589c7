import Evaluator
import TUICore

// MARK: - Suspect gold

extension Reducer {
    /// Enter in the suspect-gold view: the list keeps the cases of the row's section (the queue,
    /// or the cases every run fails alike) and the row's case is opened.
    static func openSuspect(_ s: inout AppState, _ t: TriageOverlay) {
        guard let session = s.session, let model = session.triage, t.cursor.index < t.rows.count,
            let id = t.rows[t.cursor.index].cases?.first
        else { return }
        let row = t.rows[t.cursor.index]
        let k = TriageRows.suspectAgreement(session)
        let inQueue = model.suspects.agreements.contains { $0.label == row.label }
        let cases = inQueue ? model.suspects.queue(k).map(\.caseID) : model.suspects.unanimous.map(\.caseID)
        let label =
            inQueue ? "suspect gold (\(k) or more of \(model.suspects.runs) runs agree)" : "every run fails the same way"
        var filter = Filter()
        filter.slice = Filter.Slice(label: label, cases: Set(cases))
        s.list.filter = filter
        s.overlay = nil
        recomputeVisible(&s, keeping: id)
        s.panes.focus = .detail
        clamp(&s)
        s.status.message =
            "\(TriageRows.caseName(session.data, id)): \(s.list.visible.count) cases in \(label) (f then x clears the filter)"
    }

    /// `a` in the suspect-gold view: the highlighted row's agreed value accepted as gold for its
    /// case (an alternative of the parameter, or the gold platform), journaled like any edit.
    static func acceptSuspect(_ s: inout AppState, _ t: TriageOverlay) -> [Effect] {
        guard let session = s.session, let model = session.triage, t.cursor.index < t.rows.count else { return [] }
        let row = t.rows[t.cursor.index]
        guard let a = model.suspects.agreements.first(where: { $0.label == row.label }) else {
            s.status.message =
                model.suspects.runs < 2
                ? "the suspect-gold queue needs two or more runs" : "a accepts an agreed value: pick a row of the first table"
            return []
        }
        guard let (key, _, gold) = editTarget(s, case: a.caseID) else { return [] }
        let agreed = "\(a.runs.count) of \(model.suspects.runs) runs agree on"
        do {
            if let function = a.function, let parameter = a.parameter {
                let changes = try GoldEdits.acceptPredicted(gold, function: function, parameter: parameter, predicted: a.value)
                return [
                    .journal(
                        EditStep(
                            kind: .addAlternative, key: key, changes: changes,
                            reason: "suspect gold: accepted \(PyRepr.value(a.value)) for \(a.target), which \(agreed)"))
                ]
            }
            let changes = try GoldEdits.setPlatform(gold, try GoldEdits.jsonValue(from: a.value))
            return [
                .journal(
                    EditStep(
                        kind: .setPlatform, key: key, changes: changes,
                        reason: "suspect gold: the platform \(PyRepr.value(a.value)), which \(agreed)"))
            ]
        } catch {
            s.status.message = Text.clean(error.message)
            return []
        }
    }

    /// `+` / `-` in the suspect-gold view: K one more or one fewer (2 at least, the runs at most).
    static func changeSuspectAgreement(_ s: inout AppState, by delta: Int) {
        guard let session = s.session else { return }
        let runs = session.data.runs.count
        guard runs >= 2 else {
            s.status.message = "the suspect-gold queue needs two or more runs"
            return
        }
        let k = TriageRows.suspectAgreement(session)
        let next = min(max(2, k + delta), max(2, runs))
        guard next != k else {
            s.status.message = delta > 0 ? "K is already every run (\(runs))" : "K is already 2, the fewest runs that agree"
            return
        }
        setSuspectAgreement(&s, next)
    }

    /// `:set suspect K` (nil: the default, half the runs and at least 2).
    static func setSuspectAgreement(_ s: inout AppState, _ k: Int?) {
        guard let session = s.session else { return }
        s.session!.options.suspectAgreement = k
        let now = TriageRows.suspectAgreement(s.session!)
        let queue = session.triage?.suspects.queue(now).count
        s.status.message =
            "suspect gold: values \(now) or more of \(session.data.runs.count) runs agree on"
            + (queue.map { " (\($0) in the queue)" } ?? "") + (k == nil ? ", the default" : "")
        relayoutTriage(&s)
    }
}

// MARK: - Accepting in a comparison

extension Reducer {
    /// The run whose value `a` in a comparison starts from: the focused run (`b` / `B`, `:run`).
    static func runToTake(_ s: AppState) -> Int { s.session?.focusedRun ?? 0 }

    /// `a` with several runs: a chooser of each run's predicted value for the case's first value
    /// mismatch (the run to take's first, else the first run with one), that run highlighted.
    static func chooseRun(_ s: inout AppState) -> [Effect] {
        guard let session = s.session, let scores = session.scores, let id = s.selectedID else { return [] }
        let take = runToTake(s)
        let order = [take] + scores.runs.indices.filter { $0 != take }
        var target: (String, String)?
        for r in order where target == nil {
            for f in scores.runs[r].diagnosis(id).findings {
                if case .valueMismatch(let function, let parameter, _, _, _, _) = f {
                    target = (function, parameter)
                    break
                }
            }
        }
        guard let (function, parameter) = target else {
            s.status.message = "no run has a value mismatch to accept in this case (: edits the gold by command)"
            return []
        }
        let choices = scores.runs.indices.map { r -> RunChoice.Choice in
            var shown = "(not predicted)"
            for f in scores.runs[r].diagnosis(id).findings {
                switch f {
                case .valueMismatch(let fn, let p, let predicted, _, _, _) where fn == function && p == parameter:
                    return RunChoice.Choice(run: r, value: predicted, shown: PyRepr.value(predicted))
                case .valueMatch(let fn, let p, let predicted, _, _, _) where fn == function && p == parameter:
                    shown = "\(PyRepr.value(predicted))  (gold accepts it already)"
                default:
                    continue
                }
            }
            return RunChoice.Choice(run: r, value: nil, shown: shown)
        }
        var choice = RunChoice(caseID: id, function: function, parameter: parameter, choices: choices)
        choice.cursor.index = choices[take].value != nil ? take : choice.selectable.first ?? 0
        s.overlay = .runChoice(choice)
        let highlighted = TriageRows.runLetter(choice.cursor.index)
        s.status.message =
            "accept which run's value for \(Text.clean(function)).\(Text.clean(parameter))? run \(highlighted) highlighted"
            + " (the focused run's, b / B to focus another); Enter accepts, Esc cancels"
        return []
    }

    /// Enter in the run chooser: the highlighted run's value accepted as one more alternative.
    static func acceptChoice(_ s: inout AppState, _ choice: RunChoice) -> [Effect] {
        guard let chosen = choice.chosen, let value = chosen.value else {
            s.status.message = "this run has no value to accept here"
            return []
        }
        guard let (key, _, gold) = editTarget(s, case: choice.caseID) else { return [] }
        do {
            let changes = try GoldEdits.acceptPredicted(
                gold, function: choice.function, parameter: choice.parameter, predicted: value)
            s.overlay = nil
            let name = s.data.map { Text.clean($0.runs[chosen.run].name) } ?? ""
            return [
                .journal(
                    EditStep(
                        kind: .addAlternative, key: key, changes: changes,
                        reason:
                            "accepted run \(TriageRows.runLetter(chosen.run)) (\(name))'s predicted value \(PyRepr.value(value)) for \(choice.function).\(choice.parameter)"
                    ))
            ]
        } catch {
            s.status.message = Text.clean(error.message)
            return []
        }
    }
}

// MARK: - What a gold edit changed

extension Reducer {
    /// Which runs' verdicts of case `id` a gold edit changed, judged against the corrected gold
    /// before (`before`) and after it (`after`): "gold edit: B and D now pass case U 12". Nil
    /// when the case's gold did not change.
    static func verdictChanges(_ data: ExplorerData, _ id: Int, before: Annotations, after: Annotations, options: SessionOptions)
        -> String?
    {
        let e = data.cases[id]
        let split = data.split(of: e)
        let original = data.benchmarkCase(e)
        let old = before.benchmarkCase(original, in: split)
        let new = after.benchmarkCase(original, in: split)
        guard old.answer != new.answer || old.queryParams != new.queryParams || old.profileParams != new.profileParams else {
            return nil
        }
        var pass: [Int] = []
        var fail: [Int] = []
        for r in data.runs.indices {
            let line = data.predictionLine(e, run: r)
            let was = Scorer.verdict(for: old, line: line, options: options.scorer).overall
            let now = Scorer.verdict(for: new, line: line, options: options.scorer).overall
            if now && !was { pass.append(r) }
            if was && !now { fail.append(r) }
        }
        let name = TriageRows.caseName(data, id)
        let note = options.useCorrectedGold ? "" : " (against the corrected gold; scoring uses the original: o)"
        if data.runs.count == 1 {
            if pass.isEmpty && fail.isEmpty { return "gold edit: case \(name)'s verdict is unchanged" + note }
            return "gold edit: case \(name) now \(pass.isEmpty ? "fails" : "passes")" + note
        }
        func names(_ runs: [Int]) -> String {
            let letters = runs.map(TriageRows.runLetter)
            return letters.count == 1 ? letters[0] : letters.dropLast().joined(separator: ", ") + " and " + letters.last!
        }
        var parts: [String] = []
        if !pass.isEmpty { parts.append("\(names(pass)) now pass\(pass.count == 1 ? "es" : "")") }
        if !fail.isEmpty { parts.append("\(names(fail)) now fail\(fail.count == 1 ? "s" : "")") }
        if parts.isEmpty { return "gold edit: no run's verdict of case \(name) changed" + note }
        return "gold edit: " + parts.joined(separator: ", ") + " case \(name)" + note
    }
}
