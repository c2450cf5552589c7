import Evaluator
import TUICore

// MARK: - Annotation

extension Reducer {
    /// Case `id`'s (default: the selected case's) journal key, entry and current (corrected) gold.
    static func editTarget(_ s: AppState, case id: Int? = nil) -> (CaseKey, CaseEntry, CorrectedCase)? {
        guard let session = s.session, let entry = id.map({ session.data.cases[$0] }) ?? s.selected else { return nil }
        let data = session.data
        let c = data.benchmarkCase(entry)
        let split = data.split(of: entry)
        return (CaseKey.of(c, in: split), entry, session.annotations.current(c, in: split))
    }

    /// The annotation commands (keys in the case list and case pane).
    static func annotate(_ s: inout AppState, _ command: Command) -> [Effect] {
        guard let (key, _, gold) = editTarget(s), let session = s.session else { return [] }
        switch command {
        case .accept:
            // The first value mismatch whose predicted value is not yet accepted.
            guard let verdict = s.panes.detail?.verdict else { return [] }
            var lastError: String?
            for f in verdict.findings {
                guard case .valueMismatch(let function, let parameter, let predicted, _, _, _) = f else { continue }
                do {
                    let changes = try GoldEdits.acceptPredicted(
                        gold, function: function, parameter: parameter, predicted: predicted)
                    return [
                        .journal(
                            EditStep(
                                kind: .addAlternative, key: key, changes: changes,
                                reason: "accepted the predicted value \(PyRepr.value(predicted)) for \(function).\(parameter)"))
                    ]
                } catch {
                    lastError = error.message
                }
            }
            s.status.message = lastError ?? "no value mismatch to accept in this case (: edits the gold by command)"
            return []
        case .undo, .redo:
            let annotations = session.annotations
            guard let step = command == .undo ? annotations.undoStep() : annotations.redoStep() else {
                s.status.message = command == .undo ? "nothing to undo" : "nothing to redo"
                return []
            }
            return [.journal(step)]
        case .confirm:
            return [.journal(EditStep(kind: .setStatus, key: key, status: .confirmed))]
        case .flag:
            s.editor = Editor(.command(target: s.selectedID), text: "flag ")
        case .note:
            s.editor = Editor(.command(target: s.selectedID), text: "note " + (gold.note ?? ""))
        case .editCommand:
            s.editor = Editor(.command(target: s.selectedID))
        default:
            break
        }
        return []
    }

    /// Enter on an edit command line: the journal step it names, or why it cannot be read.
    static func submitCommand(_ s: inout AppState, _ text: String, target: Int?) -> [Effect] {
        guard let (caseKey, _, gold) = editTarget(s, case: target) else { return [] }
        do {
            guard let step = try EditCommand.parse(text, key: caseKey, gold: gold) else { return [] }
            return [.journal(step)]
        } catch {
            s.status.message = "\(error)"
            return []
        }
    }

    /// An edit reached the journal: apply it, re-judge the case at once, re-score in the background.
    /// (The session is changed in place: a copy would copy every run's verdicts.)
    static func applyJournaled(_ s: inout AppState, _ entry: JournalEntry) -> [Effect] {
        guard let data = s.data else { return [] }
        s.session!.annotations.apply(entry, over: data.benchmark)
        s.session!.journalEntries.append(entry)
        let options = s.session!.options
        // The edited case's verdicts now, so its glyph changes with the keystroke.
        if let id = data.cases.firstIndex(where: {
            data.benchmark.splits[$0.split].name == entry.key.split && $0.index == entry.key.index
        }), s.session!.scores != nil {
            let e = data.cases[id]
            let split = data.split(of: e)
            let c =
                options.useCorrectedGold
                ? s.session!.annotations.benchmarkCase(data.benchmarkCase(e), in: split) : data.benchmarkCase(e)
            for r in data.runs.indices {
                let v = Scorer.verdict(for: c, line: data.predictionLine(e, run: r), options: options.scorer)
                s.session!.scores!.runs[r].verdicts[id] = v
                s.session!.scores!.runs[r].summaries[id] = CaseSummary(v)
            }
        }
        s.session!.version += 1
        invalidateDetail(&s)
        let problems = s.session!.annotations.problems.count
        s.status.message =
            "saved #\(entry.seq): \(entry.kind.rawValue) on \(entry.key)"
            + (entry.changes.first.map { " · " + $0.summary() } ?? "")
            + (problems > 0 ? " (\(problems) journal problems: e lists the edits)" : "")
        recomputeVisible(&s, keeping: s.selectedID)
        if options.autoAdvance, entry.kind == .setStatus, entry.status == .confirmed || entry.status == .flagged {
            jumpToFailure(&s, forward: true)
        }
        return options.useCorrectedGold ? [score(&s)] : []
    }
}
