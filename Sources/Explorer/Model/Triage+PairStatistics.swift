import Evaluator

// MARK: - Paired statistics

extension Triage {
    /// Two runs compared on the dashboard: PTBench's overall difference and, for every breakdown
    /// row, the difference of the pass rates on the row's cases, McNemar's exact p on their paired
    /// outcomes, the paired-bootstrap 95 % interval and the Holm-adjusted p within the row's table.
    ///
    /// Computed off the input loop with the triage model (the bootstrap is the costly part) and
    /// kept for the pair it is of.
    public struct PairStatistics: Sendable {
        /// The runs compared: differences are `pair.b` − `pair.a`.
        public var pair: RunPair
        /// The bootstrap's resamples (every row and the overall use the same number).
        public var resamples: Int
        /// The bootstrap's seed.
        public var seed: UInt64
        /// PTBench's overall metric: the difference weighted as its overall file (609/474), as
        /// `ptscope diff` reports it.
        public var overall: PairedRow
        /// One row per breakdown row, in the dashboard's order, by dimension.
        public var breakdowns: [Dimension: [PairedRow]]

        /// The rows of `dimension` (empty when it has none).
        public func rows(_ dimension: Dimension) -> [PairedRow] { breakdowns[dimension] ?? [] }

        /// The number of breakdown rows tested (rows with cases): the multiple-comparison count.
        public var testedRows: Int { breakdowns.values.reduce(0) { $0 + $1.filter { $0.cases > 0 }.count } }
    }

    /// The paired outcomes of one group of cases under two runs.
    public struct PairedRow: Sendable, Equatable {
        /// The cases both runs scored.
        public var cases: Int
        /// Cases run A passes and run B does not (McNemar's b).
        public var regressions: Int
        /// Cases run B passes and run A does not (McNemar's c).
        public var improvements: Int
        /// B's pass rate minus A's, as a fraction (0 for no cases).
        public var delta: Double
        /// McNemar's exact two-sided p (1 for no discordant case).
        public var p: Double
        /// The Holm-adjusted p within the row's table (nil for the overall and for rows without cases).
        public var holm: Double?
        /// The paired-bootstrap 95 % interval of ``delta`` (nil for no cases).
        public var interval: Interval?

        /// Whether fewer than 25 discordant pairs make McNemar's test weak.
        public var isWeak: Bool { McNemar.isWeak(b: regressions, c: improvements) }
    }

    /// The paired statistics of runs `pair` (`verdicts` and `reports` by run) over the rows of
    /// `dashboard`'s breakdowns (their cases are the same for every run); nil when the pair is
    /// not two runs there are.
    public static func pairStatistics(
        dashboard: Dashboard, verdicts: [Verdicts], reports: [ScoreReport], names: [String], pair: RunPair,
        resamples: Int = PairedBootstrap.defaultResamples, seed: UInt64 = PairedBootstrap.defaultSeed
    ) -> PairStatistics? {
        let runs = min(verdicts.count, reports.count, names.count)
        guard pair.a != pair.b, pair.a >= 0, pair.b >= 0, pair.a < runs, pair.b < runs else { return nil }
        let whole = PairedComparison(
            reports[pair.a], reports[pair.b], names: (names[pair.a], names[pair.b]), resamples: resamples, seed: seed)
        let overall = PairedRow(
            cases: whole.bothPass + whole.bothFail + whole.discordant, regressions: whole.regressions.count,
            improvements: whole.improvements.count, delta: whole.deltaOverall, p: whole.mcnemarP, holm: nil,
            interval: whole.deltaCI95)
        let (va, vb) = (verdicts[pair.a], verdicts[pair.b])
        var breakdowns: [Dimension: [PairedRow]] = [:]
        for b in dashboard.breakdowns {
            var rows = b.rows.map { pairedRow($0.cases, va, vb, resamples: resamples, seed: seed) }
            let tested = rows.indices.filter { rows[$0].cases > 0 }
            for (i, adjusted) in zip(tested, holm(tested.map { rows[$0].p })) { rows[i].holm = adjusted }
            breakdowns[b.dimension] = rows
        }
        return PairStatistics(pair: pair, resamples: resamples, seed: seed, overall: overall, breakdowns: breakdowns)
    }

    /// The paired row of cases `ids` (those both runs scored) under verdicts `a` and `b`.
    static func pairedRow(_ ids: [Int], _ a: Verdicts, _ b: Verdicts, resamples: Int, seed: UInt64) -> PairedRow {
        var passA: [Bool] = []
        var passB: [Bool] = []
        passA.reserveCapacity(ids.count)
        passB.reserveCapacity(ids.count)
        for id in ids where id < a.count && id < b.count {
            passA.append(PairedComparison.passes(a[id]))
            passB.append(PairedComparison.passes(b[id]))
        }
        var regressions = 0
        var improvements = 0
        for (x, y) in zip(passA, passB) where x != y {
            if x { regressions += 1 } else { improvements += 1 }
        }
        let n = passA.count
        return PairedRow(
            cases: n, regressions: regressions, improvements: improvements,
            delta: n == 0 ? 0 : Double(improvements - regressions) / Double(n),
            p: McNemar.exactP(b: regressions, c: improvements), holm: nil,
            interval: PairedBootstrap.interval(a: passA, b: passB, resamples: resamples, seed: seed))
    }

    /// Holm's step-down adjustment of `p` (in the given order): the k-th smallest (from 0) is
    /// multiplied by m − k, each kept at least as large as the one before it, and capped at 1.
    public static func holm(_ p: [Double]) -> [Double] {
        let m = p.count
        let order = p.indices.sorted { p[$0] < p[$1] || (p[$0] == p[$1] && $0 < $1) }
        var out = [Double](repeating: 1, count: m)
        var running = 0.0
        for (k, i) in order.enumerated() {
            running = max(running, min(1, Double(m - k) * p[i]))
            out[i] = running
        }
        return out
    }
}
