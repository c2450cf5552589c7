import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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
        diagnose(c, line: line, options: options).verdict
    }

    /// The verdict for one case given its prediction line (nil: no line for it), with its findings
    /// and parsed prediction: the same every time for the same case, line and options.
    public static func diagnose(_ c: BenchmarkCase, line: PredictionLine?, options: Options = Options()) -> CaseDiagnosis {
        var parsed: Result<ParsedPrediction, FormatFailure>
        switch line {
        case nil:
            let message = "no prediction line for this case (the file has fewer lines than the split has cases)"
            parsed = .failure(FormatFailure(.missingPrediction, message))
        case .unusable(let why)?:
            parsed = .failure(FormatFailure(.missingPrediction, "the prediction line is unusable: \(why)"))
        case .loneSurrogate?:
            let message = "the text holds a lone surrogate escape (\\ud800-\\udfff), which Python cannot encode to parse"
            parsed = .failure(FormatFailure(.syntax, message))
        case .notText(let value)?:
            parsed = .failure(FormatFailure(.notText, "\"predict\" is \(value.kindDescription), not a string"))
        case .text(let text)?:
            parsed = PredictionParser.parse(text, format: options.format)
            if options.lenient, case .failure = parsed {
                // The lenient reading is written in PTBench's call format, whatever the input format;
                // a reading that parsed comes with its parse, one that did not is parsed for its failure.
                let (reading, recovered) = Lenient.recover(text)
                if let recovered {
                    parsed = .success(recovered)
                } else if let extracted = reading.text, options.format != .reference || extracted != text {
                    parsed = PredictionParser.parse(extracted)
                }
            }
        }
        // PTBench's json.load refuses the whole file; ptscope scores the other cases and says so here.
        for (field, value) in [("answer", c.answer), ("query_params", c.queryParams), ("profile_params", c.profileParams)] {
            if let digits = value.overlongIntegerDigits {
                var verdict = CaseDiagnosis()
                verdict.findings = [
                    .formatFailure(
                        FormatFailure(
                            .malformedGold,
                            "the case's \(field) (data.json line \(c.line)) holds an integer of \(digits) digits: "
                                + "Python's json.load raises \(PyInt.tooManyDigits), so PTBench stops before scoring any case; "
                                + "ptscope counts this one as a format failure"))
                ]
                verdict.formatFailureKind = .malformedGold
                return verdict
            }
        }
        return CaseScorer.score(
            answer: PyValue(json: c.answer), queryParams: PyValue(json: c.queryParams),
            profileParams: PyValue(json: c.profileParams), prediction: parsed)
    }

    /// Scores a split, in parallel over the machine's cores.
    public static func score(
        _ split: SplitData, predictions: PredictionFile?, options: Options = Options(), progress: (@Sendable (Int) -> Void)? = nil
    ) -> SplitScore {
        score([(split, predictions)], options: options, progress: progress)[0]
    }

    /// Scores several splits in one parallel pass over all their cases (no core idles between splits).
    /// With `.background`, scoring leaves a core to an interactive caller (the explorer's input loop).
    public static func score(
        _ items: [(split: SplitData, predictions: PredictionFile?)], options: Options = Options(),
        parallelism: Parallelism = .allCores, progress: (@Sendable (Int) -> Void)? = nil
    ) -> [SplitScore] {
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
                warnings: warnings(item.split, item.predictions),
                source: SplitScore.Source(cases: item.split.cases, predictions: item.predictions, options: options))
        }
    }

    /// What is odd about a split's predictions file (the missing file, too few or too many lines).
    static func warnings(_ split: SplitData, _ predictions: PredictionFile?) -> [InputWarning] {
        let cases = split.cases
        var warnings = predictions?.warnings ?? []
        if let predictions {
            let file = predictions.url.path
            let lines = predictions.lines.count
            if lines < cases.count {
                let missing = cases.count - lines
                let message =
                    "\(counted(lines, "prediction line")) for \(counted(cases.count, "case")): "
                    + (missing == 1 ? "the case without a line counts" : "the \(missing) cases without a line count")
                    + " as a format failure, as in PTBench"
                warnings.append(InputWarning(file: file, message))
            } else if lines > cases.count {
                let extra = lines - cases.count
                let message =
                    "\(counted(lines, "prediction line")) for \(counted(cases.count, "case")): "
                    + (extra == 1 ? "the last line is ignored" : "the last \(extra) lines are ignored") + ", as in PTBench"
                warnings.append(InputWarning(file: file, message))
            }
        } else {
            let message = "no generation.jsonl for split \(split.name): every case counts as a format failure"
            warnings.append(InputWarning(file: split.url.path, message))
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

/// `n` and the noun, plural unless `n` is 1: "1 case", "3 cases".
func counted(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
