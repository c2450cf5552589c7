import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - Metrics

/// A column of `acc_results.csv`, in the reference's order.
public enum Metric: String, Sendable, CaseIterable, Codable {
    case format, platforms
    case toolNames = "tool_names"
    case toolParamNames = "tool_param_names"
    case toolParamValues = "tool_param_values"
    case queryParams = "query_params"
    case profileParams = "profile_params"
    case overall

    /// What the metric measures.
    public var meaning: String {
        switch self {
        case .format: return "predictions that parse and score without raising"
        case .platforms: return "exact, case-sensitive platform"
        case .toolNames: return "every predicted and gold function name matches"
        case .toolParamNames: return "names right and parameter names right both ways"
        case .toolParamValues: return "names right and every value accepted"
        case .queryParams: return "values from the query that were matched / all query parameters"
        case .profileParams: return "values from the profile that were matched / all profile parameters"
        case .overall: return "platform right and every value accepted"
        }
    }
}

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

    public var caseCount: Int { verdicts.count }

    /// Aggregates `verdicts` with the reference's formulas.
    public init(name: String, cases: [BenchmarkCase], verdicts: [CaseVerdict], warnings: [InputWarning] = []) {
        self.name = name
        self.verdicts = verdicts
        self.warnings = warnings
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

// MARK: - Overall

/// The reference's overall file: weighted 609/474 accuracies and summed error counts.
public struct OverallScore: Sendable {
    public let accuracy: [Metric: Double?]
    public let errorCounts: [ErrorColumn: Int]

    public static let untrainedWeight = 609.0
    public static let trainedWeight = 474.0
    public static let total = 1083.0

    public init(untrained: SplitScore, trained: SplitScore) {
        var acc: [Metric: Double?] = [:]
        for m in Metric.allCases {
            if let u = untrained.accuracy[m] ?? nil, let t = trained.accuracy[m] ?? nil {
                acc[m] = (u * OverallScore.untrainedWeight + t * OverallScore.trainedWeight) / OverallScore.total
            } else {
                acc[m] = .some(nil)
            }
        }
        accuracy = acc
        var e: [ErrorColumn: Int] = [:]
        for c in ErrorColumn.allCases { e[c] = (untrained.errorCounts[c] ?? 0) + (trained.errorCounts[c] ?? 0) }
        errorCounts = e
    }
}

// MARK: - Scorer

/// Scores splits with the embedded, reference-exact evaluator.
public enum Scorer {
    /// Options that change how predictions are read.
    public struct Options: Sendable {
        public var format: PredictionParser.Format = .reference
        /// Strip think blocks, fences and prose first: a labelled deviation from PTBench.
        public var lenient = false

        public init(format: PredictionParser.Format = .reference, lenient: Bool = false) {
            self.format = format
            self.lenient = lenient
        }
    }

    /// The verdict for one case given its prediction line (nil: no line for it).
    public static func verdict(for c: BenchmarkCase, line: PredictionLine?, options: Options = Options()) -> CaseVerdict {
        let parsed: Result<ParsedPrediction, FormatFailure>
        switch line {
        case nil:
            parsed = .failure(FormatFailure(.missingPrediction, "no prediction line for this case (the file has fewer lines than the split has cases)"))
        case .unusable(let why)?:
            parsed = .failure(FormatFailure(.missingPrediction, "the prediction line is unusable: \(why)"))
        case .loneSurrogate?:
            parsed = .failure(FormatFailure(.syntax, "the text holds a lone surrogate escape (\\ud800-\\udfff), which Python cannot encode to parse"))
        case .notText(let value)?:
            parsed = .failure(FormatFailure(.notText, "\"predict\" is \(value.kindDescription), not a string"))
        case .text(let text)?:
            var source = text
            if options.lenient, let extracted = Lenient.extract(text) { source = extracted }
            parsed = PredictionParser.parse(source, format: options.format)
        }
        // PTBench's json.load refuses the whole file; ptscope scores the other cases and says so here.
        for (field, value) in [("answer", c.answer), ("query_params", c.queryParams), ("profile_params", c.profileParams)] {
            if let digits = value.overlongIntegerDigits {
                var verdict = CaseVerdict()
                verdict.findings = [
                    .formatFailure(
                        FormatFailure(
                            .malformedGold,
                            "the case's \(field) (data.json line \(c.line)) holds an integer of \(digits) digits: "
                                + "Python's json.load raises \(PyInt.tooManyDigits), so PTBench stops before scoring any case; "
                                + "ptscope counts this one as a format failure"))
                ]
                return verdict
            }
        }
        return CaseScorer.score(
            answer: PyValue(json: c.answer), queryParams: PyValue(json: c.queryParams),
            profileParams: PyValue(json: c.profileParams), prediction: parsed)
    }

    /// Scores a split, in parallel over the machine's cores.
    public static func score(_ split: SplitData, predictions: PredictionFile?, options: Options = Options(), progress: (@Sendable (Int) -> Void)? = nil) -> SplitScore {
        score([(split, predictions)], options: options, progress: progress)[0]
    }

    /// Scores several splits in one parallel pass over all their cases (no core idles between splits).
    /// With `.background`, scoring leaves a core to an interactive caller (the explorer's input loop).
    public static func score(_ items: [(split: SplitData, predictions: PredictionFile?)], options: Options = Options(), parallelism: Parallelism = .allCores, progress: (@Sendable (Int) -> Void)? = nil) -> [SplitScore] {
        var starts: [Int] = []
        var total = 0
        for item in items {
            starts.append(total)
            total += item.split.cases.count
        }
        let firstCase = starts
        let verdicts = Parallel.map(count: total, parallelism: parallelism, progress: progress) { g in
            var s = items.count - 1
            while firstCase[s] > g { s -= 1 }
            let k = g - firstCase[s]
            let lines = items[s].predictions?.lines
            let line = lines.flatMap { k < $0.count ? $0[k] : nil }
            return verdict(for: items[s].split.cases[k], line: line, options: options)
        }
        return items.enumerated().map { s, item in
            let range = starts[s]..<(starts[s] + item.split.cases.count)
            return SplitScore(
                name: item.split.name, cases: item.split.cases, verdicts: Array(verdicts[range]),
                warnings: warnings(item.split, item.predictions))
        }
    }

    /// What is odd about a split's predictions file (the missing file, too few or too many lines).
    static func warnings(_ split: SplitData, _ predictions: PredictionFile?) -> [InputWarning] {
        let cases = split.cases
        var warnings = predictions?.warnings ?? []
        if let predictions {
            let file = predictions.url.path
            if predictions.lines.count < cases.count {
                warnings.append(InputWarning(file: file, "\(predictions.lines.count) prediction lines for \(cases.count) cases: the \(cases.count - predictions.lines.count) cases without a line count as format failures, as in PTBench"))
            } else if predictions.lines.count > cases.count {
                warnings.append(InputWarning(file: file, "\(predictions.lines.count) prediction lines for \(cases.count) cases: the last \(predictions.lines.count - cases.count) lines are ignored, as in PTBench"))
            }
        } else {
            warnings.append(InputWarning(file: split.url.path, "no generation.jsonl for split \(split.name): every case counts as a format failure"))
        }
        return warnings
    }

    /// How much of the machine scoring takes.
    public enum Parallelism: Sendable {
        /// Every core (the command line).
        case allCores
        /// All cores but one, on threads at a lower priority (nice 10), so an interactive caller
        /// keeps a core while a large set is scored.
        case background
    }
}
