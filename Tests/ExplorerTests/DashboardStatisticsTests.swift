import Evaluator
import Foundation
import Sample
import TUICore
import Testing

@testable import Explorer

/// The dashboard's statistics: Wilson intervals (`:set ci`), and in a comparison the compared
/// pair's differences with McNemar's p, the paired-bootstrap interval, the weak-test mark and Holm.
@Suite("Dashboard statistics")
struct DashboardStatisticsTests {
    /// The dashboard's rows as text, wide enough that no table scrolls.
    static func text(_ s: AppState, width: Int = 400) -> String {
        TriageRows.rows(s.viewContext!, .dashboard, width: width).map(\.line.plain).joined(separator: "\n")
    }

    /// `:set ci` (or `noci`) typed on the command line.
    static func set(_ s: inout AppState, _ word: String) {
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "set \(word)")
        Fixture.keys(&s, .enter)
    }

    /// The interval as the dashboard writes it in percent.
    static func shown(_ i: Interval?) -> String {
        guard let i else { return "nil" }
        return "[" + String(format: "%.1f", i.low * 100) + "\u{2013}" + String(format: "%.1f", i.high * 100) + "]"
    }

    // MARK: - Wilson intervals

    @Test func intervalsAreOffByDefaultAndSetCiShowsThem() throws {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 200, height: 50)
        #expect(s.session?.options.confidenceIntervals == false)
        let off = Self.text(s)
        #expect(!off.contains("\u{2013}"), "no interval while ci is off:\n\(off)")
        Self.set(&s, "ci")
        #expect(s.session?.options.confidenceIntervals == true)
        #expect(s.status.message == "ci on")
        #expect(Self.text(s).contains("\u{2013}"))
        Self.set(&s, "noci")
        #expect(s.session?.options.confidenceIntervals == false)
        #expect(Self.text(s) == off)
    }

    @Test func theOptionsMenuTogglesIntervalsAndTheLayoutFollows() throws {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 120, height: 40)
        Fixture.keys(&s, .char("o"))
        #expect(Screen.text(s).contains("every accuracy with its 95 % Wilson interval"))
        for _ in 0..<5 { Fixture.keys(&s, .down) }
        Fixture.keys(&s, .char(" "))
        #expect(s.session?.options.confidenceIntervals == true)
        Fixture.keys(&s, .escape, .char("d"))
        #expect(Screen.text(s).contains("%  [") || Screen.text(s).contains("% ["), Comment(rawValue: Screen.text(s)))
        #expect(Screen.text(s).contains("\u{2013}"), Comment(rawValue: Screen.text(s)))
        Fixture.keys(&s, .escape, .char("o"))
        for _ in 0..<5 { Fixture.keys(&s, .down) }
        Fixture.keys(&s, .char(" "))
        #expect(s.session?.options.confidenceIntervals == false)
    }

    @Test func theConfigFileCanTurnIntervalsOn() throws {
        let (config, problems) = ExplorerConfig.decode(Data("{version: 1, options: {ci: true}}".utf8), file: "c.json5")
        #expect(problems.isEmpty, "\(problems)")
        #expect(config.startOptions(format: nil, lenient: false).confidenceIntervals)
    }

    @Test func everyMetricCellHoldsWilsonsIntervalOfItsCounts() throws {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 200, height: 50)
        Self.set(&s, "ci")
        let text = Self.text(s)
        let d = try #require(s.session?.triage?.dashboards.first)
        for column in d.splits {
            for cell in column.metrics {
                // The counts behind the value are the report's: the value is their ratio.
                #expect(Double(cell.successes) / Double(cell.trials) == cell.value, "\(column.name) \(cell.metric)")
                let want = Wilson.interval(successes: cell.successes, n: cell.trials)
                #expect(want?.contains(cell.value ?? -1) == true)
                #expect(column.interval(cell.metric) == want)
                let value = String(format: "%.1f%%", (cell.value ?? 0) * 100)
                #expect(text.contains("\(value) \(Self.shown(want))"), "\(column.name) \(cell.metric): \(value)")
            }
        }
        let overall = try #require(d.overall)
        for cell in overall.metrics {
            let want = Wilson.interval(proportion: cell.value ?? 0, n: cell.trials)
            #expect(overall.interval(cell.metric) == want)
            #expect(text.contains(Self.shown(want)), "overall \(cell.metric)")
        }
        // Beside the CSV files' exact values (`:set exact`), the interval is a fraction too.
        Self.set(&s, "exact")
        let exact = Self.text(s)
        for column in d.splits {
            for cell in column.metrics {
                let i = try #require(column.interval(cell.metric))
                let want = cell.text + " [" + String(format: "%.3f", i.low) + "\u{2013}" + String(format: "%.3f", i.high) + "]"
                #expect(exact.contains(want), "\(column.name) \(cell.metric): \(want)")
            }
        }
        for b in d.breakdowns {
            for r in b.rows where r.count > 0 {
                let cell = String(format: "%.1f%%", (r.accuracy ?? 0) * 100)
                let want = Self.shown(Wilson.interval(successes: r.pass, n: r.count))
                #expect(text.contains("\(cell) \(want)"), "\(b.dimension) \(r.label): \(cell) \(want)")
            }
        }
    }

    /// One row worked out by hand from the sample (weak-sim): the task type "query only" row has
    /// 52 cases of which 23 pass. Wilson 95 % by hand (z = 1.959964, z² = 3.841459):
    /// centre = (23 + 1.920729)/55.841459 = 0.446276, half = z·√(23·29/52 + 0.960365)/55.841459
    /// = 1.959964·3.713124/55.841459 = 0.130326, so [31.595 %, 57.660 %] → [31.6–57.7].
    @Test func oneRowWorkedOutByHand() throws {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 200, height: 50)
        Self.set(&s, "ci")
        let d = try #require(s.session?.triage?.dashboards.first)
        let row = try #require(d.breakdown(.taskType)?.rows.first { $0.label == Triage.queryOnlyLabel })
        #expect(row.count == 52 && row.pass == 23, "counts \(row.pass)/\(row.count)")
        #expect(Self.text(s).contains("44.2% [31.6\u{2013}57.7]"), Comment(rawValue: Self.text(s)))
    }

    // MARK: - Paired statistics

    @Test func everyPairedRowEqualsTheStatisticsFunctionsOnItsCases() throws {
        let data = try Fixture.compared()
        let s = Fixture.state(data, width: 200, height: 50)
        let model = try #require(s.session?.triage)
        let stats = try #require(model.pairStatistics)
        #expect(stats.pair == RunPair(a: 0, b: 1))
        #expect(stats.resamples == 10_000 && stats.seed == 12)
        let result = try #require(s.session?.scores?.result)
        let verdicts = result.reports.map { $0.splits.flatMap(\.verdicts) }
        let whole = PairedComparison(result.reports[0], result.reports[1], names: ("A", "B"))
        #expect(stats.overall.delta == whole.deltaOverall)
        #expect(stats.overall.p == whole.mcnemarP)
        #expect(stats.overall.interval == whole.deltaCI95)
        let text = Self.text(s)
        for b in model.dashboards[0].breakdowns {
            let rows = stats.rows(b.dimension)
            #expect(rows.count == b.rows.count)
            var ps: [Double] = []
            for (r, p) in zip(b.rows, rows) where r.count > 0 {
                let a = r.cases.map { verdicts[0][$0].format && verdicts[0][$0].overall }
                let bb = r.cases.map { verdicts[1][$0].format && verdicts[1][$0].overall }
                let regressions = zip(a, bb).filter { $0 && !$1 }.count
                let improvements = zip(a, bb).filter { !$0 && $1 }.count
                #expect(p.regressions == regressions && p.improvements == improvements)
                #expect(p.p == McNemar.exactP(b: regressions, c: improvements))
                #expect(p.interval == PairedBootstrap.interval(a: a, b: bb, resamples: 10_000, seed: 12))
                #expect(p.delta == Double(improvements - regressions) / Double(r.count))
                #expect(p.isWeak == (regressions + improvements < 25))
                ps.append(p.p)
                // The row's cells: its difference in points, then the interval, p and the weak mark.
                let cells = TriageRows.pairedCells(p)
                #expect(text.contains(cells[0] + "  "), "\(r.label): \(cells)")
                #expect(cells[2].hasSuffix("?") == p.isWeak)
            }
            #expect(rows.compactMap(\.holm) == Triage.holm(ps), "\(b.dimension)")
        }
        #expect(text.contains("10,000 resamples, seed 12"))
        #expect(text.contains("breakdown rows below: expect about"))
        #expect(text.contains("Holm-adjusted p"))
    }

    /// McNemar's p of one breakdown row worked out by hand: strong-sim (A) against weak-sim (B)
    /// on the "query only" row (52 cases): b = 23 cases A passes and B does not, c = 7 the other
    /// way; p = 2·Σ_{i≤7} C(30, i)/2³⁰ = 2·(1 + 30 + 435 + 4,060 + 27,405 + 142,506 + 593,775
    /// + 2,035,800)/1,073,741,824 = 2·2,804,012/1,073,741,824 = 0.0052228793501854; 30 discordant
    /// pairs, so not weak.
    @Test func oneRowsMcNemarWorkedOutByHand() throws {
        let s = Fixture.state(try Fixture.compared(), width: 200, height: 50)
        let stats = try #require(s.session?.triage?.pairStatistics)
        let d = try #require(s.session?.triage?.dashboards.first)
        let k = try #require(d.breakdown(.taskType)?.rows.firstIndex { $0.label == Triage.queryOnlyLabel })
        let row = stats.rows(.taskType)[k]
        #expect(row.cases == 52 && row.regressions == 23 && row.improvements == 7, "\(row)")
        #expect(abs(row.p - 2.0 * 2_804_012 / 1_073_741_824) < 1e-15)
        #expect(!row.isWeak)
        #expect(abs(row.delta - (7.0 - 23.0) / 52) < 1e-15)
        #expect(TriageRows.pairedCells(row)[0] == "-30.8")
        #expect(TriageRows.pairedCells(row)[2] == "0.005 ")
    }

    @Test func holmAdjustsStepDown() {
        // m = 4: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → kept at 0.06.
        let adjusted = Triage.holm([0.01, 0.04, 0.03, 0.005])
        let want = [0.03, 0.06, 0.06, 0.02]
        #expect(zip(adjusted, want).allSatisfy { abs($0 - $1) < 1e-12 }, "\(adjusted)")
        // Capped at 1 (0.5·2), and never below an earlier one (0.9·1 → 1).
        #expect(Triage.holm([0.5, 0.9]) == [1.0, 1.0])
        #expect(Triage.holm([]) == [])
    }

    @Test func theWeakMarkFollowsTheDiscordantCount() {
        let weak = Triage.PairedRow(
            cases: 100, regressions: 20, improvements: 4, delta: -0.16, p: 0.0015, holm: 0.01, interval: nil)
        var strong = weak
        strong.improvements = 5
        #expect(TriageRows.pairedCells(weak)[2] == "0.002?")
        #expect(TriageRows.pairedCells(strong)[2] == "0.002 ")
    }

    @Test func compareComputesThePairsStatisticsAgain() throws {
        let root = try #require(Sample.dataRoot)
        let strong = try Benchmark.load(data: root, predictions: try #require(Sample.run("strong-sim") as URL?))
        let weak = try Benchmark.load(data: root, predictions: try #require(Sample.run("weak-sim") as URL?))
        let data = ExplorerData(
            benchmark: strong, runName: "strong-sim",
            otherRuns: [
                RunData(name: "weak-sim", predictions: weak.predictions),
                RunData(name: "strong-again", predictions: strong.predictions),
            ])
        var s = Fixture.state(data, width: 200, height: 50)
        Fixture.keys(&s, .char("d"))
        #expect(s.session?.triage?.pairStatistics?.pair == RunPair(a: 0, b: 1))
        Fixture.keys(&s, .escape, .char(":"))
        Fixture.type(&s, "compare A C")
        // The dashboard opened before the new statistics arrive: its rows are laid out again then.
        let effects = Reducer.reduce(&s, .key(.enter))
        Fixture.keys(&s, .char("d"))
        #expect(Screen.text(s).contains("computing McNemar"), Comment(rawValue: Screen.text(s)))
        for action in SynchronousEffectRunner(author: "test").perform(effects, for: s) { Fixture.send(&s, action) }
        #expect(Screen.text(s).contains("Paired: run C \u{2212} run A"), Comment(rawValue: Screen.text(s)))
        #expect(!Screen.text(s).contains("computing McNemar"))
        let stats = try #require(s.session?.triage?.pairStatistics)
        #expect(stats.pair == RunPair(a: 0, b: 2))
        // The same predictions twice: no discordant case anywhere.
        #expect(stats.overall.regressions == 0 && stats.overall.improvements == 0 && stats.overall.p == 1)
        #expect(Self.text(s).contains("Paired: run C \u{2212} run A"))
    }

    /// The actions an effect's work reports, kept in order.
    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var kept: [Action] = []
        func add(_ a: Action) { lock.withLock { kept.append(a) } }
        var actions: [Action] { lock.withLock { kept } }
    }

    @Test func theViewsArriveBeforeThePairedStatistics() throws {
        var s = Fixture.state(try Fixture.compared(), width: 120, height: 40)
        s.session?.triage = nil
        let work = try #require(EffectWork(.triage, for: s, in: EffectWork.Context(author: "test")))
        let reports = Reports()
        let last = work.run({ reports.add($0) }, { false })
        guard case .triaged(let early)? = reports.actions.first, case .triaged(let full)? = last else {
            Issue.record("expected an early model, then the full one: \(reports.actions), \(String(describing: last))")
            return
        }
        #expect(reports.actions.count == 1)
        #expect(early.pairStatistics == nil && full.pairStatistics?.pair == RunPair(a: 0, b: 1))
        Fixture.send(&s, .triaged(early))
        Fixture.keys(&s, .char("d"))
        #expect(Screen.text(s).contains("computing McNemar"), Comment(rawValue: Screen.text(s)))
        Fixture.send(&s, .triaged(full))
        #expect(Screen.text(s).contains("10,000 resamples, seed 12"), Comment(rawValue: Screen.text(s)))
    }

    @Test func theBreakdownsSortByMcNemarsP() throws {
        var s = Fixture.state(try Fixture.compared(), width: 200, height: 50)
        Fixture.keys(&s, .char("d"))
        for _ in 0..<8 { Fixture.keys(&s, .char(">")) }
        #expect(s.status.message?.hasPrefix("sorted by p ") == true, "\(s.status.message ?? "")")
        guard case .triage(let t)? = s.overlay else {
            Issue.record("the dashboard is not open")
            return
        }
        let stats = try #require(s.session?.triage?.pairStatistics)
        let d = try #require(s.session?.triage?.dashboards.first)
        // The scenario table's rows in the view's order: their p values ascend.
        let scenario = d.breakdown(.scenario)!.rows
        let labels = t.rows.map(\.label).filter { $0.hasPrefix("scenario: ") }
        let ps = labels.compactMap { l in
            scenario.firstIndex { "scenario: \($0.label)" == l }.map { stats.rows(.scenario)[$0].p }
        }
        #expect(ps.count == scenario.count && ps == ps.sorted(), "\(labels) \(ps)")
    }

    /// At 80×24 the bootstrap's resamples and seed are whole on the first screen (the heading
    /// was cut to "10…" when it also named the tests).
    @Test func theResamplesAreStatedWholeAt80Columns() throws {
        var s = Fixture.state(try Fixture.compared(), width: 80, height: 24)
        Fixture.keys(&s, .char("d"))
        #expect(Screen.text(s).contains("10,000 resamples, seed 12"), Comment(rawValue: Screen.text(s)))
    }

    // MARK: - Snapshots

    @Test func snapshotWithIntervals() throws {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 120, height: 40)
        Self.set(&s, "ci")
        Fixture.keys(&s, .char("d"))
        goldens.check("view-dashboard-ci-120x40", Screen.text(s))
    }

    @Test func snapshotOfAComparison() throws {
        var s = Fixture.state(try Fixture.compared(), width: 120, height: 40)
        Fixture.keys(&s, .char("d"))
        // The metrics with the paired section under them; then the first breakdowns.
        goldens.check("view-dashboard-compare-120x40", Screen.text(s))
        for _ in 0..<20 where !Screen.text(s).contains("By scenario") { Fixture.keys(&s, .pageDown) }
        goldens.check("view-dashboard-compare-breakdowns-120x40", Screen.text(s))
    }
}
