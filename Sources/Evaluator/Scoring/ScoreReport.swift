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

extension ScoreReport {
    /// Every split's verdicts in order, by case id (the splits' arrays, not a copy).
    public var verdicts: Verdicts { Verdicts(splits) }
}

// MARK: - Verdicts

/// One run's verdicts by case id, every split's in order, read from the splits' own arrays (no
/// copy), and each case's diagnosis made again on demand (``diagnosis(_:)``).
public struct Verdicts: Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
    /// The splits, in case-id order.
    public let splits: [SplitScore]
    /// The first case id of each split, and the count after the last.
    private let starts: [Int]
    /// Cases scored again since (a gold edit): their verdict and the gold it was scored against.
    private var edited: [Int: (verdict: CaseVerdict, gold: BenchmarkCase)] = [:]

    /// The verdicts of `splits`, in order.
    public init(_ splits: [SplitScore]) {
        self.splits = splits
        var starts = [0]
        for s in splits { starts.append(starts[starts.count - 1] + s.verdicts.count) }
        self.starts = starts
    }

    /// Verdicts whose inputs are not at hand (diagnoses carry no findings).
    public init(_ verdicts: [CaseVerdict]) {
        self.init([SplitScore(name: "", cases: [], verdicts: verdicts)])
    }

    public init(arrayLiteral elements: CaseVerdict...) { self.init(elements) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { starts[starts.count - 1] }

    /// The split holding case `id`, and the case's index in it.
    public func position(_ id: Int) -> (split: Int, index: Int) {
        var s = 0
        while s + 1 < splits.count && starts[s + 1] <= id { s += 1 }
        return (s, id - starts[s])
    }

    public subscript(id: Int) -> CaseVerdict {
        if !edited.isEmpty, let e = edited[id] { return e.verdict }
        let (s, k) = position(id)
        return splits[s].verdicts[k]
    }

    /// Case `id`'s verdict with its findings and parsed prediction (``SplitScore/diagnosis(_:)``).
    public func diagnosis(_ id: Int) -> CaseDiagnosis {
        let (s, k) = position(id)
        guard !edited.isEmpty, let e = edited[id] else { return splits[s].diagnosis(k) }
        guard let source = splits[s].source else { return CaseDiagnosis(e.verdict) }
        let line = source.predictions.flatMap { k < $0.lines.count ? $0.lines[k] : nil }
        return Scorer.diagnose(e.gold, line: line, options: source.options)
    }

    /// Case `id` scored again against `gold` (its gold edited), until the run is scored anew: its
    /// verdict, and its diagnosis is made against `gold`.
    public mutating func rescore(_ id: Int, against gold: BenchmarkCase) {
        let (s, k) = position(id)
        guard let source = splits[s].source else { return }
        let line = source.predictions.flatMap { k < $0.lines.count ? $0.lines[k] : nil }
        edited[id] = (Scorer.verdict(for: gold, line: line, options: source.options), gold)
    }
}
