import Evaluator

// MARK: - TriageModel

/// Everything the summary views show, computed off the input loop after scoring.
public struct TriageModel: Sendable {
    /// One dashboard per run (options' reading).
    public var dashboards: [Triage.Dashboard]
    /// Run 0's dashboard in PTBench's reading, when the options are lenient.
    public var reference: Triage.Dashboard?
    /// Run 0's dashboard against the original gold, when the journal corrected some gold.
    public var original: Triage.Dashboard?
    public var patterns: Triage.Patterns
    public var users: [Triage.UserRow]
    public var tools: [Triage.PlatformRow]
    /// Every run side by side, its cells formatted here (off the input loop).
    public var leaderboard: Triage.Leaderboard
    /// The scoring request the model was built from (``ScoreResult/request``): a model of an
    /// earlier scoring is dropped when it arrives late.
    public var request = 0

    /// Computes the model from the scored result.
    public static func build(_ data: ExplorerData, _ result: ScoreResult) -> TriageModel {
        let verdicts = result.reports.map { $0.splits.flatMap(\.verdicts) }
        let dashboards = zip(verdicts, result.reports).map { Triage.dashboard(data: data, verdicts: $0, report: $1) }
        let reference = result.referenceReports.map { r in
            Triage.dashboard(data: data, verdicts: r[0].splits.flatMap(\.verdicts), report: r[0])
        }
        let original = result.originalReport.map { r in
            Triage.dashboard(data: data, verdicts: r.splits.flatMap(\.verdicts), report: r)
        }
        return TriageModel(
            dashboards: dashboards, reference: reference, original: original,
            patterns: Triage.patterns(data: data, verdicts: verdicts[0]),
            users: Triage.users(data: data, verdicts: verdicts[0]), tools: Triage.tools(data: data, verdicts: verdicts[0]),
            leaderboard: Triage.leaderboard(data: data, dashboards: dashboards), request: result.request)
    }
}
