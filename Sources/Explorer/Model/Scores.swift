import Evaluator

// MARK: - Scores

/// Every run's verdicts, as the scorer returned them: run 0 is the primary run.
public struct Scores: Sendable {
    /// One run's verdicts and their summaries (by case id). The verdicts are the report's own
    /// (shared, not copied); a case's findings and parsed prediction are made again when asked for.
    public struct Run: Sendable {
        public var verdicts: Verdicts
        public var summaries: [CaseSummary]

        public init(verdicts: Verdicts) {
            self.verdicts = verdicts
            summaries = verdicts.map(CaseSummary.init)
        }

        /// Case `id`'s verdict with its findings and parsed prediction, scored again from the
        /// run's prediction (microseconds; nothing is kept).
        public func diagnosis(_ id: Int) -> CaseDiagnosis { verdicts.diagnosis(id) }
    }

    /// What the scorer returned (reports per run, the reference reading, the original gold's).
    public var result: ScoreResult
    public var runs: [Run]

    public init(_ result: ScoreResult) {
        var result = result
        // Laid out where the result was made; a result whose runs were taken already (applied
        // once before) lays them out again.
        runs = result.runs.count == result.reports.count ? result.runs : ScoreResult.runs(of: result.reports)
        result.runs = []
        self.result = result
    }

    /// The primary run: the first, as loaded (``Session/focused`` is the run the user looks at).
    public var primary: Run { runs[0] }

    /// Run `index`, clamped to the runs there are.
    public func run(_ index: Int) -> Run { runs[max(0, min(index, runs.count - 1))] }

    /// The primary run's report in the options' reading.
    public var report: ScoreReport { result.reports[0] }
}
