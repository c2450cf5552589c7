// MARK: - ScoreReport

/// Every split's score and the overall score.
public struct ScoreReport: Sendable {
    public let splits: [SplitScore]
    public let overall: OverallScore?
    public let warnings: [InputWarning]
    /// Whether these numbers come from the lenient reading (not PTBench's).
    public let lenient: Bool

    public init(splits: [SplitScore], warnings: [InputWarning] = [], lenient: Bool = false) {
        self.splits = splits
        self.warnings = warnings + splits.flatMap(\.warnings)
        self.lenient = lenient
        if let u = splits.first(where: { $0.name == Benchmark.referenceSplits[0] }),
            let t = splits.first(where: { $0.name == Benchmark.referenceSplits[1] })
        {
            overall = OverallScore(untrained: u, trained: t)
        } else {
            overall = nil
        }
    }
}
