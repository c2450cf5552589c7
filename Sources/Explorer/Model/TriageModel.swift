import Evaluator

// MARK: - TriageModel

/// Everything the summary views show, computed off the input loop after scoring.
public struct TriageModel: Sendable {
    /// One dashboard per run (options' reading).
    public var dashboards: [Triage.Dashboard]
    /// Run 0's dashboard in PTBench's reading, when the options are lenient.
    public var reference: Triage.Dashboard?
    /// Every run's dashboard against the original gold (run 0 first), when the journal corrected
    /// some gold; nil otherwise.
    public var originals: [Triage.Dashboard]?
    /// Run 0's dashboard against the original gold, when the journal corrected some gold.
    public var original: Triage.Dashboard? { originals?.first }
    /// The run the patterns, users and tools are of (the focused run when it was asked for).
    public var run = 0
    public var patterns: Triage.Patterns
    public var users: [Triage.UserRow]
    public var tools: [Triage.PlatformRow]
    /// Values several runs agree on and gold rejects, and failures every run shares.
    public var suspects: Triage.Suspects
    /// Every run side by side, its cells formatted here (off the input loop).
    public var leaderboard: Triage.Leaderboard
    /// The compared pair's paired statistics (nil with one run): its differences, McNemar's p
    /// and bootstrap intervals, overall and per breakdown row.
    public var pairStatistics: Triage.PairStatistics?
    /// The scoring request the model was built from (``ScoreResult/request``): a model of an
    /// earlier scoring is dropped when it arrives late.
    public var request = 0

    /// Computes the model from the scored result: a dashboard per run, the patterns, users and
    /// tools of run `run` (clamped to the runs there are), and, when `statistics`, the paired
    /// statistics of `pair` (nil: runs A and B). The dashboards of `previous`, a model of the same
    /// scoring (another run focused, another pair), are taken as they are, and its paired
    /// statistics when of `pair`.
    public static func build(
        _ data: ExplorerData, _ result: ScoreResult, run: Int = 0, pair: RunPair? = nil, reusing previous: TriageModel? = nil,
        statistics: Bool = true
    ) -> TriageModel {
        let verdicts = result.reports.map(\.verdicts)
        let run = max(0, min(run, verdicts.count - 1))
        let pair = pair ?? defaultPair(runs: verdicts.count)
        var model: TriageModel
        if let previous, previous.request == result.request, previous.dashboards.count == verdicts.count {
            model = previous
            if model.pairStatistics?.pair != pair { model.pairStatistics = nil }
            model.run = run
            model.patterns = Triage.patterns(data: data, verdicts: verdicts[run])
            model.users = Triage.users(data: data, verdicts: verdicts[run])
            model.tools = Triage.tools(data: data, verdicts: verdicts[run])
        } else {
            var dashboards = zip(verdicts, result.reports).map { Triage.dashboard(data: data, verdicts: $0, report: $1) }
            // With the lenient reading, each run's cases per recovery rule (PTBench's verdicts beside).
            if let references = result.referenceReports {
                for k in dashboards.indices where result.reports[k].lenient {
                    dashboards[k].lenientRules = Triage.lenientRules(
                        data: data, run: k, lenient: verdicts[k], reference: k < references.count ? references[k].verdicts : nil,
                        format: result.reports[k].splits.first?.source?.options.format ?? .reference)
                }
            }
            let reference = result.referenceReports.map { r in
                Triage.dashboard(data: data, verdicts: r[0].verdicts, report: r[0])
            }
            let originals = result.originalReports.map { reports in
                reports.map { Triage.dashboard(data: data, verdicts: $0.verdicts, report: $0) }
            }
            model = TriageModel(
                dashboards: dashboards, reference: reference, originals: originals, run: run,
                patterns: Triage.patterns(data: data, verdicts: verdicts[run]),
                users: Triage.users(data: data, verdicts: verdicts[run]),
                tools: Triage.tools(data: data, verdicts: verdicts[run]),
                suspects: Triage.suspects(data: data, runs: verdicts),
                leaderboard: Triage.leaderboard(data: data, dashboards: dashboards, originals: originals),
                request: result.request)
        }
        if statistics { model.addPairStatistics(data, result, pair: pair) }
        return model
    }

    /// The pair compared when none is chosen: runs A and B (A twice with one run).
    static func defaultPair(runs: Int) -> RunPair { RunPair(a: 0, b: max(0, min(1, runs - 1))) }

    /// Whether the paired statistics of `pair` (nil: runs A and B) are still to be computed: the
    /// model has none of it and there are two runs to compare.
    public func lacksPairStatistics(_ pair: RunPair?) -> Bool {
        let pair = pair ?? Self.defaultPair(runs: dashboards.count)
        return pair.a != pair.b && pairStatistics?.pair != pair
    }

    /// Computes the paired statistics of `pair` (nil: runs A and B) from `result`, the scoring
    /// the model was built from, unless the model has them already (the bootstrap is the slow part:
    /// about a second for 10,830 cases).
    public mutating func addPairStatistics(_ data: ExplorerData, _ result: ScoreResult, pair: RunPair?) {
        guard lacksPairStatistics(pair), let first = dashboards.first else { return }
        let verdicts = result.reports.map(\.verdicts)
        pairStatistics = Triage.pairStatistics(
            dashboard: first, verdicts: verdicts, reports: result.reports, names: data.runs.map(\.name),
            pair: pair ?? Self.defaultPair(runs: verdicts.count))
    }
}
