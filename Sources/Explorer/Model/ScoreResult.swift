import Evaluator

// MARK: - ScoreResult

/// Every run scored with the explorer's options, and PTBench's own reading beside it when the
/// options differ from the reference (lenient parsing), so the two are never confused.
public struct ScoreResult: Sendable {
    /// One report per run (run 0 first), in the options' reading.
    public var reports: [ScoreReport]
    /// The same in the reference reading, when the options are not the reference's.
    public var referenceReports: [ScoreReport]?
    /// Run 0 against the original gold, when corrected gold was used and some gold changed.
    public var originalReport: ScoreReport?
    /// Which scoring request this answers (``Session/scoreRequest``).
    public var request = 0
    /// Every run's verdicts by case id, with their summaries: laid out where the result is made
    /// (off the input loop), not where it is applied.
    /// ``Scores`` takes them out (so no second copy outlives the first edit).
    public internal(set) var runs: [Scores.Run]

    public init(reports: [ScoreReport], referenceReports: [ScoreReport]? = nil, originalReport: ScoreReport? = nil) {
        self.reports = reports
        self.referenceReports = referenceReports
        self.originalReport = originalReport
        runs = ScoreResult.runs(of: reports)
    }

    /// Every run's verdicts by case id, with their summaries.
    static func runs(of reports: [ScoreReport]) -> [Scores.Run] {
        reports.map { Scores.Run(verdicts: $0.splits.flatMap(\.verdicts)) }
    }
}
