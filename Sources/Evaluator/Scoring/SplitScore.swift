// MARK: - SplitScore

/// A split's verdicts and aggregates, as the reference computes them.
public struct SplitScore: Sendable {
    public let name: String
    public let verdicts: [CaseVerdict]
    /// `acc_results.csv` values; nil is a zero denominator (the reference crashes there).
    public let accuracy: [Metric: Double?]
    public let errorCounts: [ErrorColumn: Int]
    /// Counted by the reference but never written.
    public let platformErrors: Int
    public let formatFailures: Int
    public let queryValueErrors: Int
    public let profileValueErrors: Int
    public let warnings: [InputWarning]
    /// What the verdicts were scored from, to diagnose a case again (nil: not at hand).
    public let source: Source?

    /// The inputs a split was scored from: the cases (with the gold they were scored against), the
    /// predictions file and the options. The arrays are the caller's, shared, not copied.
    public struct Source: Sendable {
        public let cases: [BenchmarkCase]
        public let predictions: PredictionFile?
        public let options: Scorer.Options

        public init(cases: [BenchmarkCase], predictions: PredictionFile?, options: Scorer.Options) {
            self.cases = cases
            self.predictions = predictions
            self.options = options
        }
    }

    public var caseCount: Int { verdicts.count }

    /// Aggregates `verdicts` with the reference's formulas; `source`, what they were scored from,
    /// lets ``diagnosis(_:)`` give each case's findings again.
    public init(
        name: String, cases: [BenchmarkCase], verdicts: [CaseVerdict], warnings: [InputWarning] = [], source: Source? = nil
    ) {
        self.name = name
        self.verdicts = verdicts
        self.warnings = warnings
        self.source = source
        let n = verdicts.count
        func ratio(_ count: Int, _ total: Int) -> Double? { total == 0 ? nil : Double(count) / Double(total) }
        func count(_ p: (CaseVerdict) -> Bool) -> Int { verdicts.reduce(0) { $0 + (p($1) ? 1 : 0) } }
        let scored = verdicts.filter(\.format)
        let queryTotal = cases.reduce(0) { $0 + $1.queryParamCount }
        let profileTotal = cases.reduce(0) { $0 + $1.profileParamCount }
        accuracy = [
            .format: ratio(scored.count, n),
            .platforms: ratio(count { $0.format && $0.platforms }, n),
            .toolNames: ratio(count { $0.format && $0.toolNames }, n),
            .toolParamNames: ratio(count { $0.format && $0.toolParamNames }, n),
            .toolParamValues: ratio(count { $0.format && $0.toolParamValues }, n),
            .queryParams: ratio(scored.reduce(0) { $0 + $1.queryParamsHit }, queryTotal),
            .profileParams: ratio(scored.reduce(0) { $0 + $1.profileParamsHit }, profileTotal),
            .overall: ratio(count { $0.format && $0.overall }, n),
        ]
        var errors: [ErrorColumn: Int] = [:]
        for column in ErrorColumn.allCases { errors[column] = 0 }
        for v in scored { for column in v.errorColumns { errors[column, default: 0] += 1 } }
        errorCounts = errors
        let analysed = verdicts.filter(\.countsInErrorAnalysis)
        platformErrors = analysed.filter { $0.errors.platform }.count
        formatFailures = n - analysed.count
        queryValueErrors = analysed.filter { $0.errors.queryValue }.count
        profileValueErrors = analysed.filter { $0.errors.profileValue }.count
    }
}

extension SplitScore {
    /// Case `k`'s verdict with its findings and parsed prediction, scored again from ``source``
    /// (the same as when the split was scored); without a source, the verdict alone.
    public func diagnosis(_ k: Int) -> CaseDiagnosis {
        guard let source, k < source.cases.count else { return CaseDiagnosis(verdicts[k]) }
        let line = source.predictions.flatMap { k < $0.lines.count ? $0.lines[k] : nil }
        return Scorer.diagnose(source.cases[k], line: line, options: source.options)
    }
}
