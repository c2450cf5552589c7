import Dispatch
import Evaluator
import Foundation
import TUICore

// MARK: - EffectWork

/// What an effect does, apart from where it runs: the one place an effect becomes work, shared by
/// ``BackgroundEffectRunner`` and ``SynchronousEffectRunner`` so the two cannot drift apart.
public struct EffectWork: Sendable {
    /// Where the work belongs; a synchronous runner runs every lane at once.
    enum Lane: Sendable {
        /// On the caller's thread, before anything else is reduced (an edit is saved before it is applied).
        case now
        /// Off the input loop, on a global queue of this priority.
        case background(DispatchQoS.QoSClass)
        /// Off the input loop; a newer search cancels it.
        case search
        /// The selected case's panes, built where the latest request wins (``DetailBuilder``).
        case detail(request: Int)
        /// Off the input loop: asking a case again, until ``Effect/dropReask(requests:)`` names it.
        case reask(request: Int)
    }

    /// What effects need besides the state: where the files are read from, where edits go.
    struct Context: Sendable {
        var loader: (@Sendable () throws -> ExplorerData)?
        var journal: Journal?
        var author: String
        var timings: FrameTimings?
    }

    /// Where interim results go (scoring progress).
    typealias Report = @Sendable (Action) -> Void

    let lane: Lane
    /// Does the work: `report` receives interim results when given, `cancelled` turns true once
    /// the result is no longer wanted. The result, or nil when there is none (a cancelled search).
    let run: @Sendable (_ report: Report?, _ cancelled: @escaping @Sendable () -> Bool) -> Action?

    /// The work `effect` names for `state` (as `reduce` left it), nil when there is none (nothing
    /// loaded yet, no loader, ``Effect/quit``).
    init?(_ effect: Effect, for s: AppState, in context: Context) {
        switch effect {
        case .quit, .copy, .page, .editExternally, .setTheme, .dropReask:
            // The terminal's effects and the theme: ExplorerRuntime performs them (it holds both);
            // stopping a request asked again: the runner that runs it (it holds the requests).
            return nil
        case .reask(let request, let caseID, let run):
            guard let work = Self.reask(s, request: request, caseID: caseID, run: run) else { return nil }
            self = work
        case .saveReask(let run):
            guard let work = Self.saveReask(s, run: run) else { return nil }
            self = work
        case .completePath(let word):
            self.init(lane: .now) { _, _ in .pathCompletions(word: word, candidates: Self.paths(completing: word)) }
        case .load, .reload:
            guard let loader = context.loader else { return nil }
            // The first load failing means there is nothing to show; a reload failing keeps the
            // data on screen and says why.
            let first = effect == .load
            self.init(lane: .background(.userInitiated)) { _, _ in
                do {
                    return .loaded(try loader())
                } catch {
                    return first ? .loadFailed("\(error)") : .finished("reload failed: \(error)")
                }
            }
        case .journal(let step):
            let journal = context.journal
            let author = context.author
            self.init(lane: .now) { _, _ in Self.append(step, to: journal, author: author) }
        case .saveHistory(let kind, let line):
            guard let file = s.history.file else { return nil }
            self.init(lane: .now) { _, _ in
                do {
                    try HistoryFile.append(line, kind: kind, to: file)
                    return nil
                } catch {
                    return .finished("not kept in the history: \(error)")
                }
            }
        case .buildDetail(let request):
            self.init(lane: .detail(request: request)) { _, _ in
                Self.buildDetail(s, request: request).map(Action.detailBuilt)
            }
        case .triage:
            guard let data = s.data, let result = s.scores?.result else { return nil }
            // Another run focused: the dashboards of the same scoring are kept.
            let (run, previous) = (s.session?.focusedRun ?? 0, s.session?.triage)
            let pair = s.session?.comparedRuns
            self.init(lane: .background(.utility)) { report, _ in
                var model = TriageModel.build(data, result, run: run, pair: pair, reusing: previous, statistics: false)
                // The views first; the paired statistics (a second or so on 10,000 cases) after them.
                if let report, model.lacksPairStatistics(pair) { report(.triaged(model)) }
                model.addPairStatistics(data, result, pair: pair)
                return .triaged(model)
            }
        case .export(let path, let cases):
            guard let data = s.data else { return nil }
            self.init(lane: .background(.userInitiated)) { _, _ in
                .finished(Export.write(data, scores: s.scores, annotations: s.session?.annotations, cases: cases, to: path))
            }
        case .score(let request):
            guard let session = s.session else { return nil }
            let data = session.data
            let options = session.options.scorer
            let annotations = session.scoringAnnotations
            self.init(lane: .background(.userInitiated)) { report, _ in
                let progress = report.map { report in
                    { @Sendable (done: Int, total: Int) in report(.scoreProgress(done: done, total: total)) }
                }
                var result = Self.score(data, options: options, annotations: annotations, progress: progress)
                result.request = request
                return .scored(result)
            }
        case .search(let query):
            guard let data = s.data else { return nil }
            let timings = context.timings
            self.init(lane: .search) { _, cancelled in
                let start = DispatchTime.now()
                let matches = Search.run(query, in: data, cancelled: cancelled)
                timings?.search(query, matches: matches.count, since: start)
                return cancelled() ? nil : .searchFinished(query: query, matches: matches)
            }
        }
    }

    init(lane: Lane, run: @escaping @Sendable (_ report: Report?, _ cancelled: @escaping @Sendable () -> Bool) -> Action?) {
        self.lane = lane
        self.run = run
    }

    // MARK: - The work itself

    /// The entries of the folder of `word` (a path being typed; `~` is the home folder) whose
    /// names start with its last part, spelled as typed, a folder's with a `/` after it; hidden
    /// entries only when the part starts with a dot.
    static func paths(completing word: String) -> [String] {
        let slash = word.lastIndex(of: "/")
        let folder = slash.map { String(word[...$0]) } ?? ""
        let part = slash.map { String(word[word.index(after: $0)...]) } ?? word
        let listed = folder.isEmpty ? "." : (folder as NSString).expandingTildeInPath
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: listed) else { return [] }
        return names.filter { $0.hasPrefix(part) && (part.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map { name in
            var isFolder: ObjCBool = false
            let full = (listed as NSString).appendingPathComponent(name)
            let folderMark = FileManager.default.fileExists(atPath: full, isDirectory: &isFolder) && isFolder.boolValue ? "/" : ""
            return folder + name + folderMark
        }
    }

    /// Scores every run of `data` with `options` (and with the reference's options too when they
    /// differ), reporting progress as (cases done, total).
    public static func score(
        _ data: ExplorerData, options: Scorer.Options, annotations: Annotations? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) -> ScoreResult {
        // With annotations, the corrected gold (cases without edits stay as they are).
        let bench = annotations.map { $0.correctedBenchmark(data.benchmark) } ?? data.benchmark
        let reference = Scorer.Options(format: options.format)
        let passes = options.lenient ? [options, reference] : [options]
        let perRun = bench.splits.reduce(0) { $0 + $1.cases.count }
        let total = perRun * data.runs.count * passes.count
        func report(_ bench: Benchmark, _ run: RunData, _ o: Scorer.Options, done offset: Int?) -> ScoreReport {
            var tick: (@Sendable (Int) -> Void)?
            if let offset, let progress { tick = { done in progress(offset + done, total) } }
            let items: [(split: SplitData, predictions: PredictionFile?)] = bench.splits.map { ($0, run.predictions[$0.name]) }
            let scores = Scorer.score(items, options: o, parallelism: .background, progress: tick)
            return ScoreReport(splits: scores, warnings: bench.warnings, lenient: o.lenient)
        }
        var results: [[ScoreReport]] = []
        for (p, o) in passes.enumerated() {
            results.append(
                data.runs.enumerated().map { r, run in report(bench, run, o, done: (p * data.runs.count + r) * perRun) })
        }
        var result = ScoreResult(reports: results[0], referenceReports: results.count > 1 ? results[1] : nil)
        // With corrected gold, every run against the original gold too (the dashboard's and the
        // leaderboard's deltas): only the cases whose gold changed are scored again.
        if let annotations, annotations.cases.values.contains(where: \.goldChanged) {
            result.originalReports = ScoreResult.originalGold(
                data, corrected: results[0], annotations: annotations, options: options)
        }
        return result
    }

    /// Builds what ``Panes/pending`` asks for: the selected case's detail (unless the state
    /// has it already) and the lines of its panes. Nil when nothing is pending.
    public static func buildDetail(_ s: AppState, request: Int) -> DetailBuild? {
        buildDetail(s, request: request, reusing: nil, scored: { _ in }, stillWanted: { true })
    }

    /// ``buildDetail(_:request:)`` in phases (the case's detail: parsing, scoring, the call diff;
    /// the case pane's lines; the context pane's lines), stopping with nil between two of them
    /// once `stillWanted` is false. `reusing`, a detail of the same case built for the same scores,
    /// is taken instead of scoring the case again; `scored` receives a detail built anew.
    static func buildDetail(
        _ s: AppState, request: Int, reusing cached: CaseDetail?, scored: (CaseDetail) -> Void,
        stillWanted: () -> Bool
    ) -> DetailBuild? {
        guard let key = s.panes.pending, let context = s.viewContext, key.caseID < context.data.cases.count else { return nil }
        let session = context.session
        let data = session.data
        let entry = data.cases[key.caseID]
        let newDetail = s.panes.detail?.caseID != key.caseID
        let detail: CaseDetail
        if !newDetail, let existing = s.panes.detail {
            detail = existing
        } else if let cached, cached.caseID == key.caseID {
            detail = cached
        } else {
            detail = CaseDetail(
                data: data, entry: entry, options: session.options.scorer, annotations: session.scoringAnnotations)
            scored(detail)
        }
        guard stillWanted() else { return nil }
        let detailLines = DetailLines.lines(context, detail, width: key.detailWidth, sideBySide: key.sideBySide)
        guard stillWanted() else { return nil }
        let contextLines = ContextLines.lines(context, detail, width: key.contextWidth)
        let lines = PaneLines(
            key: key, detail: detailLines, context: contextLines,
            contextAnchor: ContextLines.anchor(context, detail, in: contextLines))
        guard stillWanted() else { return nil }
        return DetailBuild(request: request, detail: detail, lines: lines, newDetail: newDetail)
    }

    /// Appends an edit to the journal; the action to reduce (the entry, or why it was not saved).
    public static func append(_ step: EditStep, to journal: Journal?, author: String) -> Action {
        guard let journal else { return .finished("not saved: no annotations journal is open") }
        do {
            return .journaled(try journal.append(step, author: author))
        } catch {
            return .finished("not saved: \(error)")
        }
    }
}
