// MARK: - PairedComparison

/// Two runs scored on the same cases, compared case by case on PTBench's `overall` metric (a case
/// passes when it parses, names the right platform and every value is accepted): regressions
/// (A passes, B does not), improvements, the concordant counts, the difference of the overall
/// accuracies weighted as PTBench weights them, McNemar's exact p and a paired-bootstrap interval.
public struct PairedComparison: Sendable {
    /// One case where the runs disagree.
    public struct Change: Sendable, Equatable {
        /// The split's folder name.
        public var split: String
        /// The case's 0-based index in its split.
        public var index: Int
        /// Run A's verdict: `pass`, `fail` or `format`.
        public var verdictA: String
        /// Run B's verdict.
        public var verdictB: String
        /// Run A's first problem, in words (nil when it passed).
        public var findingA: String?
        /// Run B's first problem, in words.
        public var findingB: String?
    }

    /// The two runs' names, A then B.
    public let runs: (String, String)
    /// Cases A passes and B does not, split by split in index order.
    public let regressions: [Change]
    /// Cases B passes and A does not.
    public let improvements: [Change]
    public let bothPass: Int
    public let bothFail: Int
    /// B's overall accuracy minus A's, weighted as PTBench's overall (609/474 when both reference
    /// splits are there; pooled over the cases otherwise).
    public let deltaOverall: Double
    /// McNemar's exact two-sided p on the discordant cases (pooled over the splits).
    public let mcnemarP: Double
    /// The paired-bootstrap 95 % interval of ``deltaOverall`` (each split resampled within itself).
    public let deltaCI95: Interval?
    public let resamples: Int
    public let seed: UInt64
    /// Each split's weight in ``deltaOverall`` (see ``splitWeights(_:)``).
    public let weights: [String: Double]

    /// Regressions plus improvements: the pairs McNemar's test counts.
    public var discordant: Int { regressions.count + improvements.count }

    /// The weak-test warning when there are fewer than 25 discordant cases.
    public var warning: String? { McNemar.warning(b: regressions.count, c: improvements.count) }

    /// Compares `a` and `b` (reports of the same data: splits matched by name, cases by index;
    /// cases missing from either are left out).
    public init(
        _ a: ScoreReport, _ b: ScoreReport, names: (String, String), resamples: Int = PairedBootstrap.defaultResamples,
        seed: UInt64 = PairedBootstrap.defaultSeed
    ) {
        runs = names
        self.resamples = resamples
        self.seed = seed
        var regressions: [Change] = []
        var improvements: [Change] = []
        var bothPass = 0
        var bothFail = 0
        var strata: [PairedBootstrap.Stratum] = []
        let weights = PairedComparison.splitWeights(a.splits.map { ($0.name, $0.caseCount) })
        self.weights = weights
        var delta = 0.0
        var totalWeight = 0.0
        for sa in a.splits {
            guard let sb = b.splits.first(where: { $0.name == sa.name }) else { continue }
            let n = min(sa.verdicts.count, sb.verdicts.count)
            var passA: [Bool] = []
            var passB: [Bool] = []
            for k in 0..<n {
                let va = sa.verdicts[k]
                let vb = sb.verdicts[k]
                let pa = PairedComparison.passes(va)
                let pb = PairedComparison.passes(vb)
                passA.append(pa)
                passB.append(pb)
                switch (pa, pb) {
                case (true, true): bothPass += 1
                case (false, false): bothFail += 1
                default:
                    let change = Change(
                        split: sa.name, index: k, verdictA: PairedComparison.word(va), verdictB: PairedComparison.word(vb),
                        findingA: sa.diagnosis(k).problems.first?.sentence, findingB: sb.diagnosis(k).problems.first?.sentence)
                    if pa { regressions.append(change) } else { improvements.append(change) }
                }
            }
            let w = weights[sa.name] ?? 0
            if n > 0 && w > 0 {
                let accA = Double(passA.filter { $0 }.count) / Double(n)
                let accB = Double(passB.filter { $0 }.count) / Double(n)
                delta += w * (accB - accA)
                totalWeight += w
            }
            strata.append(PairedBootstrap.Stratum(a: passA, b: passB, weight: w))
        }
        self.regressions = regressions
        self.improvements = improvements
        self.bothPass = bothPass
        self.bothFail = bothFail
        deltaOverall = totalWeight > 0 ? delta / totalWeight : 0
        mcnemarP = McNemar.exactP(b: regressions.count, c: improvements.count)
        deltaCI95 = PairedBootstrap.interval(strata: strata, resamples: resamples, seed: seed)
    }

    /// Each split's weight in the overall value: PTBench's 609/474 when both reference splits are
    /// there (other splits 0, as its overall ignores them), else its case count (the pooled accuracy).
    public static func splitWeights(_ splits: [(name: String, cases: Int)]) -> [String: Double] {
        let reference = Benchmark.referenceSplits
        if reference.allSatisfy({ r in splits.contains { $0.name == r } }) {
            return [reference[0]: OverallScore.untrainedWeight, reference[1]: OverallScore.trainedWeight]
        }
        return Dictionary(splits.map { ($0.name, Double($0.cases)) }, uniquingKeysWith: { a, _ in a })
    }

    /// Whether a case counts as passed in PTBench's `overall` column.
    public static func passes(_ v: CaseVerdict) -> Bool { v.format && v.overall }

    /// `pass`, `fail` or `format` (a format failure).
    public static func word(_ v: CaseVerdict) -> String { !v.format ? "format" : (v.overall ? "pass" : "fail") }
}
