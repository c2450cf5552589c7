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
    /// The scoring request the model was built from (``ScoreResult/request``): a model of an
    /// earlier scoring is dropped when it arrives late.
    public var request = 0

    /// Computes the model from the scored result: a dashboard per run, the patterns, users and
    /// tools of run `run` (clamped to the runs there are). The dashboards of `previous`, a model of
    /// the same scoring (another run focused), are taken as they are.
    public static func build(
        _ data: ExplorerData, _ result: ScoreResult, run: Int = 0, reusing previous: TriageModel? = nil
    ) -> TriageModel {
        let verdicts = result.reports.map { $0.splits.flatMap(\.verdicts) }
        let run = max(0, min(run, verdicts.count - 1))
        if var model = previous, model.request == result.request, model.dashboards.count == verdicts.count {
            model.run = run
            model.patterns = Triage.patterns(data: data, verdicts: verdicts[run])
            model.users = Triage.users(data: data, verdicts: verdicts[run])
            model.tools = Triage.tools(data: data, verdicts: verdicts[run])
            return model
        }
        let dashboards = zip(verdicts, result.reports).map { Triage.dashboard(data: data, verdicts: $0, report: $1) }
        let reference = result.referenceReports.map { r in
            Triage.dashboard(data: data, verdicts: r[0].splits.flatMap(\.verdicts), report: r[0])
        }
        let originals = result.originalReports.map { reports in
            reports.map { Triage.dashboard(data: data, verdicts: $0.splits.flatMap(\.verdicts), report: $0) }
        }
        return TriageModel(
            dashboards: dashboards, reference: reference, originals: originals, run: run,
            patterns: Triage.patterns(data: data, verdicts: verdicts[run]),
            users: Triage.users(data: data, verdicts: verdicts[run]),
            tools: Triage.tools(data: data, verdicts: verdicts[run]),
            suspects: Triage.suspects(data: data, runs: verdicts),
            leaderboard: Triage.leaderboard(data: data, dashboards: dashboards, originals: originals), request: result.request)
    }
}
