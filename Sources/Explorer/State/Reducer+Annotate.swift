import Evaluator
import TUICore

// MARK: - Annotation

extension Reducer {
    /// The selected case's journal key, entry and current (corrected) gold.
    static func editTarget(_ s: AppState, case id: Int? = nil) -> (CaseKey, CaseEntry, CorrectedCase)? {
        guard let data = s.data, let entry = id.map({ data.cases[$0] }) ?? s.selected else { return nil }
        let c = data.benchmarkCase(entry)
        let split = data.split(of: entry)
        return (CaseKey.of(c, in: split), entry, s.annotations.current(c, in: split))
    }

    /// The annotation commands (keys in the case list and case pane).
    static func annotate(_ s: inout AppState, _ command: Command) -> [Effect] {
        guard let (key, _, gold) = editTarget(s) else { return [] }
        switch command {
        case .accept:
            // The first value mismatch whose predicted value is not yet accepted.
            guard let verdict = s.detail?.verdict else { return [] }
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
            s.message = lastError ?? "no value mismatch to accept in this case (: edits the gold by command)"
            return []
        case .undo, .redo:
            guard let step = command == .undo ? s.annotations.undoStep() : s.annotations.redoStep() else {
                s.message = command == .undo ? "nothing to undo" : "nothing to redo"
                return []
            }
            return [.journal(step)]
        case .confirm:
            return [.journal(EditStep(kind: .setStatus, key: key, status: .confirmed))]
        case .flag:
            s.commandInput = "flag "
            s.commandTarget = s.selectedID
        case .note:
            s.commandInput = "note " + (gold.note ?? "")
            s.commandTarget = s.selectedID
        case .editCommand:
            s.commandInput = ""
            s.commandTarget = s.selectedID
        case .recentEdits:
            s.overlay = .edits
            s.triageCursor = 0
            s.triageTop = 0
        default:
            break
        }
        return []
    }

    /// Keys while an edit command is typed after `:` (shortcuts are suspended).
    static func typeCommand(_ s: inout AppState, _ key: Key) -> [Effect] {
        guard let text = editLine(&s.commandInput, key), let (caseKey, _, gold) = editTarget(s, case: s.commandTarget) else {
            return []
        }
        do {
            guard let step = try EditCommand.parse(text, key: caseKey, gold: gold) else { return [] }
            return [.journal(step)]
        } catch {
            s.message = "\(error)"
            return []
        }
    }

    /// An edit reached the journal: apply it, re-judge the case at once, re-score in the background.
    static func applyJournaled(_ s: inout AppState, _ entry: JournalEntry) -> [Effect] {
        guard let data = s.data else { return [] }
        s.annotations.apply(entry, over: data.benchmark)
        s.journalEntries.append(entry)
        // The edited case's verdicts now, so its glyph changes with the keystroke.
        if let id = data.cases.firstIndex(where: {
            data.benchmark.splits[$0.split].name == entry.key.split && $0.index == entry.key.index
        }), !s.runVerdicts.isEmpty {
            let e = data.cases[id]
            let split = data.split(of: e)
            let c = s.useCorrectedGold ? s.annotations.benchmarkCase(data.benchmarkCase(e), in: split) : data.benchmarkCase(e)
            for r in data.runs.indices {
                let v = Scorer.verdict(for: c, line: data.predictionLine(e, run: r), options: s.options)
                s.runVerdicts[r][id] = v
                s.runSummaries[r][id] = CaseSummary(v)
            }
            s.verdicts = s.runVerdicts[0]
            s.summaries = s.runSummaries[0]
        }
        s.scoreVersion += 1
        invalidateDetail(&s)
        let problems = s.annotations.problems.count
        s.message =
            "saved #\(entry.seq): \(entry.kind.rawValue) on \(entry.key)"
            + (entry.changes.first.map { " · " + $0.summary() } ?? "")
            + (problems > 0 ? " (\(problems) journal problems: e lists the edits)" : "")
        recomputeVisible(&s, keeping: s.selectedID)
        if s.autoAdvance, entry.kind == .setStatus, entry.status == .confirmed || entry.status == .flagged {
            jumpToFailure(&s, forward: true)
        }
        return s.useCorrectedGold ? [s.requestScores()] : []
    }
}

// MARK: - EditCommand

/// The `:` edit commands (every gold edit of the journal, typed as one line).
public enum EditCommand {
    /// The help lines for the `?` overlay.
    public static let help: [(String, String)] = [
        ("platform VALUE", "set the gold platform"),
        ("alt add FN.PARAM VALUE", "add an accepted alternative (VALUE as a Python literal or JSON)"),
        ("alt edit FN.PARAM N VALUE", "replace alternative N (0-based)"),
        ("alt rm FN.PARAM N", "remove alternative N"),
        ("fn add NAME · fn rm NAME · fn rename OLD NEW", "add, remove or rename a gold function"),
        ("param add FN.NAME VALUES", "add a parameter with its alternatives (a list)"),
        ("param rm FN.NAME · param rename FN.OLD NEW", "remove or rename a parameter"),
        ("param move NAME query|profile", "move a parameter between query_params and profile_params"),
        ("status unreviewed|confirmed|corrected|flagged", "set the case status"),
        ("flag REASON · confirm · note TEXT", "flag with a reason, confirm, or set the note"),
        ("… -- REASON", "any edit: the text after “ -- ” is recorded as the reason"),
    ]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The journal step for a command line, nil for an empty line.
    public static func parse(_ line: String, key: CaseKey, gold: CorrectedCase) throws -> EditStep? {
        var text = line.trimmingCharacters(in: .whitespaces)
        var reason: String?
        if let r = text.range(of: " -- ") {
            reason = String(text[r.upperBound...]).trimmingCharacters(in: .whitespaces)
            text = String(text[..<r.lowerBound])
        }
        if text.isEmpty { return nil }
        let words = text.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true).map(String.init)
        func rest(after n: Int) -> String {
            var t = Substring(text)
            for _ in 0..<n {
                t = t.drop(while: { $0 != " " }).drop(while: { $0 == " " })
            }
            return String(t)
        }
        func fnParam(_ s: String) throws -> (String, String) {
            guard let dot = s.lastIndex(of: ".") else { throw Failure(description: "expected FUNCTION.PARAMETER, got “\(s)”") }
            return (String(s[..<dot]), String(s[s.index(after: dot)...]))
        }
        func index(_ s: String) throws -> Int {
            guard let n = Int(s) else { throw Failure(description: "expected an alternative number (0, 1, …), got “\(s)”") }
            return n
        }
        func step(_ kind: EditKind, _ changes: [GoldChange], status: CaseStatus? = nil, note: String? = nil) -> EditStep {
            EditStep(kind: kind, key: key, changes: changes, status: status, note: note, reason: reason)
        }
        switch (words.first ?? "", words.count > 1 ? words[1] : "") {
        case ("platform", _):
            return step(.setPlatform, try GoldEdits.setPlatform(gold, try GoldEdits.parseValue(rest(after: 1))))
        case ("alt", "add"):
            guard words.count >= 3 else { break }
            let (f, p) = try fnParam(words[2])
            return step(
                .addAlternative,
                try GoldEdits.addAlternative(gold, function: f, parameter: p, value: try GoldEdits.parseValue(rest(after: 3))))
        case ("alt", "edit"):
            let parts = rest(after: 2).split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3 else { break }
            let (f, p) = try fnParam(parts[0])
            return step(
                .editAlternative,
                try GoldEdits.editAlternative(
                    gold, function: f, parameter: p, index: try index(parts[1]), value: try GoldEdits.parseValue(parts[2])))
        case ("alt", "rm"):
            let parts = rest(after: 2).split(separator: " ").map(String.init)
            guard parts.count == 2 else { break }
            let (f, p) = try fnParam(parts[0])
            return step(
                .removeAlternative, try GoldEdits.removeAlternative(gold, function: f, parameter: p, index: try index(parts[1])))
        case ("fn", "add"):
            return step(.addFunction, try GoldEdits.addFunction(gold, name: rest(after: 2)))
        case ("fn", "rm"):
            return step(.removeFunction, try GoldEdits.removeFunction(gold, name: rest(after: 2)))
        case ("fn", "rename"):
            let parts = rest(after: 2).split(separator: " ").map(String.init)
            guard parts.count == 2 else { break }
            return step(.renameFunction, try GoldEdits.renameFunction(gold, from: parts[0], to: parts[1]))
        case ("param", "add"):
            let parts = rest(after: 2).split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { break }
            let (f, p) = try fnParam(parts[0])
            return step(
                .addParameter,
                try GoldEdits.addParameter(gold, function: f, name: p, alternatives: try GoldEdits.parseValue(parts[1])))
        case ("param", "rm"):
            let (f, p) = try fnParam(rest(after: 2))
            return step(.removeParameter, try GoldEdits.removeParameter(gold, function: f, name: p))
        case ("param", "rename"):
            let parts = rest(after: 2).split(separator: " ").map(String.init)
            guard parts.count == 2 else { break }
            let (f, p) = try fnParam(parts[0])
            return step(.renameParameter, try GoldEdits.renameParameter(gold, function: f, from: p, to: parts[1]))
        case ("param", "move"):
            let parts = rest(after: 2).split(separator: " ").map(String.init)
            guard parts.count == 2, let to = ["query": GoldField.queryParams, "profile": .profileParams][parts[1]] else { break }
            return step(.moveParameter, try GoldEdits.moveParameter(gold, name: parts[0], to: to))
        case ("status", let st):
            guard let status = CaseStatus(rawValue: st) else {
                throw Failure(description: "unknown status “\(st)” (unreviewed, confirmed, corrected, flagged)")
            }
            if reason == nil, words.count > 2 { reason = rest(after: 2) }
            return step(.setStatus, [], status: status)
        case ("flag", _):
            let why = reason ?? rest(after: 1)
            guard !why.isEmpty else { throw Failure(description: "flag needs a reason: flag REASON") }
            reason = why
            return step(.setStatus, [], status: .flagged)
        case ("confirm", _):
            return step(.setStatus, [], status: .confirmed)
        case ("note", _):
            return step(.setNote, [], note: rest(after: 1))
        default:
            break
        }
        throw Failure(description: "cannot read “\(line)”: ? lists the edit commands")
    }
}
