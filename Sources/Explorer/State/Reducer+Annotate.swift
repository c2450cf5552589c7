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
        if command == .editCommand {
            // The `:` line also jumps and runs explorer commands: it opens without a selected case.
            s.editor = Editor(.command(target: s.selectedID))
            return []
        }
        // `a` in the suspect-gold view accepts its row's value; in a comparison it asks which run's.
        if command == .accept, case .triage(let t)? = s.overlay, t.kind == .suspects { return acceptSuspect(&s, t) }
        if command == .accept, (s.data?.runs.count ?? 1) > 1 { return chooseRun(&s) }
        guard let (key, _, gold) = editTarget(s), let session = s.session else { return [] }
        switch command {
        case .accept:
            // The first value mismatch whose predicted value is not yet accepted.
            guard let verdict = s.panes.detail?.diagnosis else { return [] }
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
        default:
            break
        }
        return []
    }

    /// Enter on the `:` line: a jump, an explorer command, or a gold edit (the journal step it
    /// names), or why it cannot be read.
    static func submitCommand(_ s: inout AppState, _ text: String, target: Int?) -> [Effect] {
        let line: ExplorerCommandLine
        do {
            guard let parsed = try ExplorerCommandLine.parse(text) else { return [] }
            line = parsed
        } catch {
            s.status.message = error.description
            return []
        }
        switch line {
        case .edit: break
        case .jump(let split, let index):
            jump(&s, split: split, index: index)
            return []
        case .quit:
            s.status.quit = true
            return [.quit]
        case .help(let topic):
            return help(&s, topic: topic)
        case .filter(let words):
            return filter(&s, words)
        case .theme(let spec):
            return theme(&s, spec)
        case .messages:
            s.overlay = .messages(ScrollText())
            return []
        case .leaderboard:
            return overlayCommand(&s, .leaderboard)
        case .set(let option, let value):
            return setOption(&s, option, value)
        case .sort(let sort):
            setSort(&s, sort)
            return []
        case .suspectAgreement(let k):
            setSuspectAgreement(&s, k)
            return []
        case .run(let word):
            return runCommand(&s, word)
        case .compare(let words):
            return compareCommand(&s, words)
        case .samples(let metric):
            samplesCommand(&s, metric)
            return []
        }
        guard let (caseKey, _, gold) = editTarget(s, case: target) else { return [] }
        do {
            // The case's tool catalog checks the names, when its detail is the one on screen.
            let detail = s.panes.detail.flatMap { $0.caseID == (target ?? s.selectedID) ? $0 : nil }
            guard let step = try EditCommand.parse(text, key: caseKey, gold: gold, catalog: detail?.catalog) else {
                return []
            }
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
        let before = s.session!.annotations
        s.session!.annotations.apply(entry, over: data.benchmark)
        s.session!.journalEntries.append(entry)
        let options = s.session!.options
        // The edited case's verdicts now, so its glyph changes with the keystroke.
        let edited = data.cases.firstIndex {
            data.benchmark.splits[$0.split].name == entry.key.split && $0.index == entry.key.index
        }
        let changed = edited.flatMap {
            verdictChanges(data, $0, before: before, after: s.session!.annotations, options: options)
        }
        if let id = edited, s.session!.scores != nil {
            let e = data.cases[id]
            let split = data.split(of: e)
            let c =
                options.useCorrectedGold
                ? s.session!.annotations.benchmarkCase(data.benchmarkCase(e), in: split) : data.benchmarkCase(e)
            for r in data.runs.indices {
                s.session!.scores!.runs[r].verdicts.rescore(id, against: c)
                s.session!.scores!.runs[r].summaries[id] = CaseSummary(s.session!.scores!.runs[r].verdicts[id])
            }
        }
        s.session!.version += 1
        invalidateDetail(&s)
        let problems = s.session!.annotations.problems.count
        s.status.message =
            "saved #\(entry.seq): \(entry.kind.rawValue) on \(entry.key)"
            + (entry.changes.first.map { " · " + $0.summary() } ?? "")
            + (problems > 0 ? " (\(problems) journal problems: e lists the edits)" : "")
        // In a comparison which runs a gold edit changed leads (a long change summary would cut it).
        if let changed {
            s.status.message = data.runs.count > 1 ? changed + " · " + s.status.message! : s.status.message! + " · " + changed
        }
        recomputeVisible(&s, keeping: s.selectedID)
        if options.autoAdvance, entry.kind == .setStatus, entry.status == .confirmed || entry.status == .flagged {
            jumpToFailure(&s, forward: true)
        }
        return options.useCorrectedGold ? [score(&s)] : []
    }
}
