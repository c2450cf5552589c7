import Evaluator
import Testing

// MARK: - Wilson

/// Reference values from statsmodels 0.15.0 (Python 3.11; Fixtures/statistics/statsmodels_reference.py), printed by
/// `python -c "from statsmodels.stats.proportion import proportion_confint;
/// print(proportion_confint(k, n, alpha=0.05, method='wilson'))"` for each (k, n) below.
@Suite("Wilson score interval")
struct WilsonTests {
    @Test(
        "matches statsmodels' proportion_confint(method='wilson')",
        arguments: [
            (0, 10, 0.0, 0.27753279986288926),
            (7, 10, 0.39677814746114537, 0.8922087325936989),
            (10, 10, 0.7224672001371106, 1.0),
            (1, 1, 0.2065493143772374, 1.0),
            (500, 1083, 0.4321771760725387, 0.491454739763593),
            (9876, 10000, 0.9852361608857194, 0.9895893639031967),
        ])
    func reference(k: Int, n: Int, low: Double, high: Double) throws {
        let i = try #require(Wilson.interval(successes: k, n: n))
        #expect(abs(i.low - low) < 1e-12)
        #expect(abs(i.high - high) < 1e-12)
    }

    @Test("no interval for no trials or impossible counts")
    func degenerate() {
        #expect(Wilson.interval(successes: 0, n: 0) == nil)
        #expect(Wilson.interval(successes: 3, n: 2) == nil)
        #expect(Wilson.interval(successes: -1, n: 2) == nil)
    }
}

// MARK: - McNemar

/// Reference values: exact fractions, from
/// `python3 -c "from fractions import Fraction; from math import comb; n=b+c; k=min(b,c);
/// print(float(min(1, 2*Fraction(sum(comb(n,i) for i in range(k+1)), 2**n))))"`,
/// which agree with statsmodels' `mcnemar([[0,b],[c,0]], exact=True).pvalue` to 1e-13.
@Suite("McNemar's exact test")
struct McNemarTests {
    @Test(
        "matches the exact binomial sum",
        arguments: [
            (0, 0, 1.0), (1, 0, 1.0), (0, 5, 0.0625), (3, 7, 0.34375), (10, 10, 1.0),
            (12, 30, 0.007915897334896727), (20, 4, 0.001543879508972168),
            (4900, 5100, 0.04658552770494739), (4000, 6000, 1.7404316412268784e-89),
        ])
    func reference(b: Int, c: Int, p: Double) {
        let got = McNemar.exactP(b: b, c: c)
        #expect(abs(got - p) <= 1e-9 * p, "b=\(b) c=\(c): \(got) vs \(p)")
    }

    @Test("symmetric in b and c, finite at n = 10,000 and beyond, 0 only where the exact value underflows")
    func large() {
        #expect(McNemar.exactP(b: 30, c: 12) == McNemar.exactP(b: 12, c: 30))
        // 2·10000/2^10000 ≈ 1e-3006: below the smallest double.
        #expect(McNemar.exactP(b: 1, c: 9999) == 0)
        let p = McNemar.exactP(b: 50_000, c: 50_000)
        #expect(p == 1)
        let q = McNemar.exactP(b: 49_500, c: 50_500)
        #expect(q > 0 && q < 0.01 && q.isFinite)
    }

    @Test("weak below 25 discordant pairs, with a warning naming the count")
    func weak() {
        #expect(McNemar.isWeak(b: 12, c: 12))
        #expect(!McNemar.isWeak(b: 12, c: 13))
        #expect(McNemar.warning(b: 3, c: 4)?.contains("only 7 discordant") == true)
        #expect(McNemar.warning(b: 20, c: 20) == nil)
    }
}

// MARK: - Bootstrap

@Suite("Paired bootstrap")
struct PairedBootstrapTests {
    static let a1 = (0..<40).map { $0 % 3 != 0 }
    static let b1 = (0..<40).map { $0 % 4 != 0 }
    static let a2 = (0..<30).map { $0 % 2 == 0 }
    static let b2 = (0..<30).map { $0 % 5 != 1 }

    @Test("SplitMix64 gives the published sequence for seed 0")
    func generator() {
        var g = SplitMix64(seed: 0)
        #expect([g.next(), g.next(), g.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    /// Reference: Fixtures/statistics/bootstrap_reference.py, an independent Python re-implementation of the documented
    /// procedure (SplitMix64, index = high word of next()·n, strata in order, numpy-style
    /// percentiles), run as `python3 bootstrap_reference.py`; what it computes and printed:
    ///
    ///     a1 = [i % 3 != 0 for i in range(40)]; b1 = [i % 4 != 0 for i in range(40)]
    ///     a2 = [i % 2 == 0 for i in range(30)]; b2 = [i % 5 != 1 for i in range(30)]
    ///     interval([(a1, b1, 1.0)], 2000, 7)                      -> (-0.1, 0.2756249999999966)
    ///     interval([(a1, b1, 609.0), (a2, b2, 474.0)], 2000, 7)   -> (0.03289473684210524, 0.3307710064635272)
    @Test("equals an independent re-implementation, one stratum and two weighted strata")
    func reference() throws {
        let one = try #require(PairedBootstrap.interval(a: Self.a1, b: Self.b1, resamples: 2000, seed: 7))
        #expect(abs(one.low - -0.1) < 1e-12 && abs(one.high - 0.2756249999999966) < 1e-12, "\(one)")
        let two = try #require(
            PairedBootstrap.interval(
                strata: [.init(a: Self.a1, b: Self.b1, weight: 609), .init(a: Self.a2, b: Self.b2, weight: 474)],
                resamples: 2000, seed: 7))
        #expect(abs(two.low - 0.03289473684210524) < 1e-12 && abs(two.high - 0.3307710064635272) < 1e-12, "\(two)")
    }

    @Test("the same seed gives the same interval; another seed another one")
    func determinism() {
        let x = PairedBootstrap.interval(a: Self.a1, b: Self.b1, resamples: 500, seed: 99)
        let y = PairedBootstrap.interval(a: Self.a1, b: Self.b1, resamples: 500, seed: 99)
        let z = PairedBootstrap.interval(a: Self.a1, b: Self.b1, resamples: 500, seed: 100)
        #expect(x != nil && x == y)
        #expect(x != z)
    }

    @Test("identical runs give [0, 0]; nothing to resample gives no interval")
    func identical() {
        #expect(PairedBootstrap.interval(a: Self.a1, b: Self.a1, resamples: 300) == Interval(low: 0, high: 0))
        #expect(PairedBootstrap.interval(a: [], b: []) == nil)
        #expect(PairedBootstrap.interval(a: [true], b: [true, false]) == nil)
        #expect(PairedBootstrap.interval(a: [true], b: [false], resamples: 0) == nil)
    }

    /// Coverage sanity: 200 data sets of 200 paired cases drawn with A passing with p = 0.6 and B
    /// with p = 0.7 (independently; true difference 0.1); the 95 % interval should cover 0.1 about
    /// 95 % of the time (a binomial(200, 0.95) lies in 180...197 with probability > 0.999).
    @Test("covers the true difference about 95 % of the time")
    func coverage() {
        var g = SplitMix64(seed: 2024)
        func draw(_ p: Double) -> Bool { Double(g.next() >> 11) / 9_007_199_254_740_992 < p }
        var covered = 0
        for k in 0..<200 {
            let a = (0..<200).map { _ in draw(0.6) }
            let b = (0..<200).map { _ in draw(0.7) }
            if PairedBootstrap.interval(a: a, b: b, resamples: 400, seed: UInt64(k))?.contains(0.1) == true { covered += 1 }
        }
        #expect((180...197).contains(covered), "covered \(covered) of 200")
    }
}

// MARK: - PairedComparison

@Suite("Paired comparison of two reports")
struct PairedComparisonTests {
    static func verdict(_ pass: Bool, format: Bool = true) -> CaseVerdict {
        var v = CaseVerdict()
        v.format = format
        v.overall = pass
        return v
    }

    static func report(_ untrained: [Bool], _ trained: [Bool]) -> ScoreReport {
        ScoreReport(splits: [
            SplitScore(name: "test_untrained_user", cases: [], verdicts: untrained.map { verdict($0) }),
            SplitScore(name: "test_trained_user", cases: [], verdicts: trained.map { verdict($0) }),
        ])
    }

    @Test("regressions, improvements, concordant counts, PTBench-weighted delta, McNemar p")
    func counts() throws {
        // Untrained: A 3/4, B 2/4; trained: A 1/2, B 2/2.
        let a = Self.report([true, true, true, false], [true, false])
        let b = Self.report([true, false, false, true], [true, true])
        let c = PairedComparison(a, b, names: ("A", "B"), resamples: 200)
        #expect(c.regressions.map { "\($0.split)#\($0.index)" } == ["test_untrained_user#1", "test_untrained_user#2"])
        #expect(c.improvements.map { "\($0.split)#\($0.index)" } == ["test_untrained_user#3", "test_trained_user#1"])
        #expect(c.bothPass == 2 && c.bothFail == 0)
        #expect(c.regressions[0].verdictA == "pass" && c.regressions[0].verdictB == "fail")
        // Reports of bare verdicts (no predictions to diagnose again) carry no findings.
        #expect(c.regressions[0].findingB == nil && c.regressions[0].findingA == nil)
        // (609·(0.5 − 0.75) + 474·(1 − 0.5)) / 1083, the same as the overall CSV values' difference.
        let expected = (609 * -0.25 + 474 * 0.5) / 1083
        #expect(abs(c.deltaOverall - expected) < 1e-15)
        let overallA = try #require(a.overall?.accuracy[.overall] ?? nil)
        let overallB = try #require(b.overall?.accuracy[.overall] ?? nil)
        #expect(abs(c.deltaOverall - (overallB - overallA)) < 1e-15)
        #expect(c.mcnemarP == 1)
        #expect(c.warning != nil)
    }
}

// MARK: - RunTable

@Suite("Run table")
struct RunTableTests {
    static let a = PairedComparisonTests.report([true, true, true, false], [true, false])
    static let b = PairedComparisonTests.report([true, false, false, true], [true, true])

    @Test("best per column as printed: ties are all bold, n/a never")
    func best() {
        let t = RunTable(runs: [("A", Self.a), ("B", Self.b), ("A again", Self.a)], denominators: [:])
        let k = t.columns.firstIndex { $0.group == "test_untrained_user" && $0.metric == .overall }!
        #expect(t.rows.indices.map { t.isBest(row: $0, column: k) } == [true, false, true])
        let q = t.columns.firstIndex { $0.metric == .queryParams }!
        #expect(t.rows[0].values[q] == nil && !t.isBest(row: 0, column: q))
        #expect(t.render(.markdown).contains("| A | **100.0** |"))
    }

    @Test("LaTeX special characters in names are escaped")
    func latex() {
        #expect(
            RunTable.latexEscape(#"a_b&c%d$e#f{g}h~i^j\k"#)
                == ##"a\_b\&c\%d\$e\#f\{g\}h\textasciitilde{}i\textasciicircum{}j\textbackslash{}k"##)
    }

    @Test("Wilson intervals per column at the split's trials; overall at the pooled trials")
    func intervals() throws {
        let d = [
            "test_untrained_user": Dictionary(uniqueKeysWithValues: Metric.allCases.map { ($0, 4) }),
            "test_trained_user": Dictionary(uniqueKeysWithValues: Metric.allCases.map { ($0, 2) }),
        ]
        let t = RunTable(runs: [("A", Self.a)], denominators: d, intervals: true)
        let k = try #require(t.columns.firstIndex { $0.group == "test_untrained_user" && $0.metric == .overall })
        #expect(t.rows[0].intervals[k] == Wilson.interval(successes: 3, n: 4))
        let o = try #require(t.columns.firstIndex { $0.group == "overall" && $0.metric == .overall })
        let value = try #require(t.rows[0].values[o])
        #expect(t.rows[0].intervals[o] == Wilson.interval(proportion: value, n: 6))
    }
}
