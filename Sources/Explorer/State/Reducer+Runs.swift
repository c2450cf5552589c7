import Evaluator

// MARK: - Runs of a comparison

extension Reducer {
    /// `b` / `B`: focuses the next (previous) run, wrapping.
    static func focusRun(_ s: inout AppState, step: Int) -> [Effect] {
        guard let session = s.session else { return [] }
        let n = session.data.runs.count
        guard n > 1 else {
            s.status.message = "one run is loaded: nothing to focus (ptscope DATA A B, or --compare, loads several)"
            return []
        }
        return focusRun(&s, ((session.focusedRun + step) % n + n) % n)
    }

    /// Makes run `run` the focused one: the list's error column, counts, filters, sorting, `]`/`[`
    /// and the summary views follow it; the summary views' patterns, users and tools are computed
    /// again for it.
    static func focusRun(_ s: inout AppState, _ run: Int) -> [Effect] {
        guard let session = s.session, run >= 0, run < session.data.runs.count else { return [] }
        s.session?.focusedRun = run
        recomputeVisible(&s, keeping: s.selectedID)
        let name = Text.clean(session.data.runs[run].name)
        s.status.message =
            "run \(Session.runLetter(run)) (\(name)) focused: the list's verdicts, counts, ] [ and the views follow it"
        if let model = session.triage, model.run != run { return [.triage] }
        return []
    }

    /// `:samples METRIC`: what a sample of the sample set passes; the flaky filter, the pane's
    /// tally and the dashboard's Samples table follow.
    static func samplesCommand(_ s: inout AppState, _ metric: Metric) {
        guard let session = s.session, let set = session.sampleSetRuns else {
            s.status.message =
                "no sample set is loaded: :samples applies to a folder of sample-N folders (ptscope run --samples K)"
            return
        }
        s.session?.sampleMetric = metric
        s.session?.version += 1
        invalidateDetail(&s)
        recomputeVisible(&s, keeping: s.selectedID)
        relayoutTriage(&s)
        let pass = s.session?.sampleSet?.passWord ?? metric.rawValue
        s.status.message = "sample set \(Text.clean(set.name)): a case passes a sample when \(pass)"
    }

    /// The run a word of `:run` or `:compare` names in `data`: its letter (any case), its number
    /// (1 is the first) or its name; nil and a message saying which runs there are otherwise.
    static func runIndex(_ word: String, in data: ExplorerData) -> Int? {
        let runs = data.runs
        if let n = Int(word), n >= 1, n <= runs.count { return n - 1 }
        if let i = runs.indices.first(where: { Session.runLetter($0).lowercased() == word.lowercased() }) { return i }
        if let i = runs.indices.first(where: { runs[$0].name == word }) { return i }
        return runs.indices.first(where: { runs[$0].name.lowercased() == word.lowercased() })
    }

    /// `A = name, B = name` for messages.
    static func runList(_ data: ExplorerData) -> String {
        data.runs.indices.map { "\(Session.runLetter($0)) = \(Text.clean(data.runs[$0].name))" }.joined(separator: ", ")
    }

    /// `:run NAME|LETTER|N`: focuses that run.
    static func runCommand(_ s: inout AppState, _ word: String) -> [Effect] {
        guard let data = s.data else { return [] }
        guard data.runs.count > 1 else {
            s.status.message = "one run is loaded: nothing to focus (ptscope DATA A B, or --compare, loads several)"
            return []
        }
        guard let run = runIndex(word, in: data) else {
            s.status.message = "no run “\(Text.clean(word))”: \(runList(data))"
            return []
        }
        return focusRun(&s, run)
    }

    /// `:compare X Y`: regressions, improvements, differs and the side-by-side view compare runs X
    /// and Y; `:compare` alone goes back to the first and the focused run.
    static func compareCommand(_ s: inout AppState, _ words: [String]) -> [Effect] {
        guard let data = s.data else { return [] }
        guard data.runs.count > 1 else {
            s.status.message = "one run is loaded: nothing to compare (ptscope DATA A B, or --compare, loads several)"
            return []
        }
        if words.isEmpty {
            s.session?.chosenPair = nil
        } else {
            guard words.count == 2 else {
                s.status.message = "compare takes two runs: compare A C (alone: the first and the focused run)"
                return []
            }
            let found = words.map { runIndex($0, in: data) }
            for (word, run) in zip(words, found) where run == nil {
                s.status.message = "no run “\(Text.clean(word))”: \(runList(data))"
                return []
            }
            let (a, b) = (found[0]!, found[1]!)
            guard a != b else {
                s.status.message = "compare needs two different runs, got \(Session.runLetter(a)) twice"
                return []
            }
            s.session?.chosenPair = RunPair(a: a, b: b)
        }
        recomputeVisible(&s, keeping: s.selectedID)
        if let pair = s.session?.comparedRuns {
            let (a, b) = (Session.runLetter(pair.a), Session.runLetter(pair.b))
            s.status.message =
                "comparing \(a) with \(b)\(words.isEmpty ? " (the first and the focused run)" : ""): regressions pass in \(a), fail in \(b)"
            // The dashboard's paired statistics are of the pair: computed again off the input loop.
            if let model = s.session?.triage, model.pairStatistics?.pair != pair { return [.triage] }
        }
        return []
    }
}
