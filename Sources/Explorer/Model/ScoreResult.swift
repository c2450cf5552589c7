import Evaluator

// MARK: - ScoreResult

/// Every run scored with the explorer's options, and PTBench's own reading beside it when the
/// options differ from the reference (the lenient reading), so the two are never confused.
public struct ScoreResult: Sendable {
    /// One report per run (run 0 first), in the options' reading.
    public var reports: [ScoreReport]
    /// The same in the reference reading, when the options are not the reference's.
    public var referenceReports: [ScoreReport]?
    /// Every run against the original gold (run 0 first), when corrected gold was used and some
    /// gold changed; nil otherwise.
    public var originalReports: [ScoreReport]?
    /// Run 0 against the original gold (the dashboard's "corrected gold vs original").
    public var originalReport: ScoreReport? { originalReports?.first }
    /// Which scoring request this answers (``Session/scoreRequest``).
    public var request = 0
    /// Every run's verdicts by case id, with their summaries: laid out where the result is made
    /// (off the input loop), not where it is applied.
    /// ``Scores`` takes them out (so no second copy outlives the first edit).
    public internal(set) var runs: [Scores.Run]

    public init(reports: [ScoreReport], referenceReports: [ScoreReport]? = nil, originalReports: [ScoreReport]? = nil) {
        self.reports = reports
        self.referenceReports = referenceReports
        self.originalReports = originalReports
        runs = ScoreResult.runs(of: reports)
    }

    /// Every run's verdicts by case id, with their summaries.
    static func runs(of reports: [ScoreReport]) -> [Scores.Run] {
        reports.map { Scores.Run(verdicts: $0.verdicts) }
    }

    /// Every run's report against `data`'s original gold, from its report against the gold
    /// `annotations` corrects (`corrected`, one per run, scored with `options`): the verdicts of
    /// the cases whose gold the journal changed are scored again against the original gold, the
    /// others are the same verdicts, and each split is aggregated again over the original cases.
    public static func originalGold(
        _ data: ExplorerData, corrected: [ScoreReport], annotations: Annotations, options: Scorer.Options
    ) -> [ScoreReport] {
        // The positions (split, index) whose gold differs from the data's.
        let changed = data.benchmark.splits.map { split in
            split.cases.indices.filter { annotations.corrected(split.cases[$0], in: split)?.goldChanged == true }
        }
        return zip(data.runs, corrected).map { run, report in
            let splits = zip(data.benchmark.splits, changed).map { split, positions -> SplitScore in
                guard let scored = report.splits.first(where: { $0.name == split.name }) else {
                    return SplitScore(name: split.name, cases: split.cases, verdicts: [])
                }
                guard !positions.isEmpty else { return scored }
                var verdicts = scored.verdicts
                let lines = run.predictions[split.name]?.lines
                for k in positions where k < verdicts.count {
                    let line = lines.flatMap { k < $0.count ? $0[k] : nil }
                    verdicts[k] = Scorer.verdict(for: split.cases[k], line: line, options: options)
                }
                return SplitScore(
                    name: split.name, cases: split.cases, verdicts: verdicts, warnings: scored.warnings,
                    source: SplitScore.Source(cases: split.cases, predictions: run.predictions[split.name], options: options))
            }
            return ScoreReport(splits: splits, warnings: data.benchmark.warnings, lenient: report.lenient)
        }
    }
}
