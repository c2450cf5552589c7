import Evaluator
import Foundation
import Sample
import TUICore
import Testing

@testable import Explorer

/// Gold fixes across runs (issue 12): every run's numbers against the original gold beside the
/// corrected ones on the leaderboard; Enter on a leaderboard row, `y`/`Y`/`v` and the saved view
/// follow the focused run; run letters past Z; `:filter adjudicate` in the help.
@Suite("Gold across runs")
struct GoldAcrossRunsTests {
    /// The sample's two models (A = strong-sim, B = weak-sim) with a journal, at 200×50.
    static func compared() throws -> (AppState, Journal) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-gold-runs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let journal = try Journal.open(dir.appendingPathComponent("annotations.jsonl"))
        return (Fixture.state(try Fixture.compared(), width: 200, height: 50), journal)
    }

    /// U 4, where A's title is gold's and B's ('Harbor Lights') is not: B's value accepted in the
    /// run chooser.
    static func acceptBsTitle(_ s: inout AppState, _ journal: Journal) {
        AnnotateTests.send(&s, journal, .char(":"))
        AnnotateTests.type(&s, journal, "U 4")
        AnnotateTests.send(&s, journal, .enter, .char("a"), .enter)
    }

    /// The leaderboard's row of run `r`.
    static func boardRow(_ s: AppState, run r: Int) throws -> String {
        let rows = TriageRows.rows(try #require(s.viewContext), .leaderboard, width: 200).filter { $0.identity != nil }
        return try #require(rows.first { $0.identity == "run \(r)" }).line.plain
    }

    // MARK: - Every run against the original gold

    @Test func everyRunsOriginalGoldReportEqualsScoringTheUneditedData() throws {
        var (s, journal) = try Self.compared()
        #expect(s.scores?.result.originalReports == nil, "no gold edit: no second report")
        Self.acceptBsTitle(&s, journal)
        let result = try #require(s.scores?.result)
        let originals = try #require(result.originalReports)
        #expect(originals.count == 2)
        // Each equals the run scored on the data without the journal, metric by metric.
        let root = try #require(Sample.dataRoot)
        for (r, name) in ["strong-sim", "weak-sim"].enumerated() {
            let fresh = try Benchmark.load(data: root, predictions: try #require(Sample.run(name) as URL?)).score()
            for metric in Metric.allCases {
                #expect(originals[r].overall?.accuracy[metric] == fresh.overall?.accuracy[metric], "\(name) \(metric)")
            }
            for (a, b) in zip(originals[r].splits, fresh.splits) {
                #expect(a.errorCounts == b.errorCounts && a.verdicts.map(\.overall) == b.verdicts.map(\.overall))
            }
        }
        // B gained the case, A did not change.
        let corrected = result.reports.map { $0.overall?.accuracy[.overall] ?? nil }
        #expect(corrected[0] == originals[0].overall?.accuracy[.overall] ?? nil)
        let originalB = try #require(originals[1].overall?.accuracy[.overall] ?? nil)
        #expect(try #require(corrected[1]) > originalB)
    }

    @Test func theDashboardsCorrectedVersusOriginalFollowsTheFocusedRun() throws {
        var (s, journal) = try Self.compared()
        Self.acceptBsTitle(&s, journal)
        func section(_ s: AppState) throws -> [String] {
            let rows = TriageRows.rows(try #require(s.viewContext), .dashboard, width: 150).map(\.line.plain)
            guard let at = rows.firstIndex(where: { $0.contains("Corrected gold vs original") }) else { return [] }
            return rows[at...].filter { $0.hasPrefix("  overall ") }.prefix(1).map { $0 }
        }
        let a = try section(s)
        #expect(!a.isEmpty, "run A's dashboard has the section")
        Fixture.keys(&s, .char("b"))
        let b = try section(s)
        // B's numbers: its overall went up with the edit, A's did not.
        #expect(!b.isEmpty && b != a, "\(a)\n\(b)")
    }

    @Test func theLeaderboardShowsEachRunsDeltaBesideItsValue() throws {
        var (s, journal) = try Self.compared()
        #expect(!(try Self.boardRow(s, run: 1)).contains("+"))
        Self.acceptBsTitle(&s, journal)
        let board = try #require(s.session?.triage?.leaderboard)
        #expect(board.corrected)
        let result = try #require(s.scores?.result)
        let originals = try #require(result.originalReports)
        let after = try #require(result.reports[1].overall?.accuracy[.overall] ?? nil)
        let before = try #require(originals[1].overall?.accuracy[.overall] ?? nil)
        let delta = String(format: "%+.2f", (after - before) * 100)
        #expect(board.cells[1][0].delta == delta && board.cells[0][0].delta.isEmpty)
        #expect(board.cells[1][0].original == before)
        // On screen: B's row holds its corrected value and the delta; A's row no delta.
        AnnotateTests.send(&s, journal, .char("L"))
        let text = Screen.text(s)
        #expect(text.contains("gold edits in effect"), "\(text)")
        let rowB = try Self.boardRow(s, run: 1)
        #expect(rowB.contains(String(format: "%.1f%% %@", after * 100, delta)), "\(rowB)")
        #expect(!(try Self.boardRow(s, run: 0)).contains(delta))
        // Undone: the deltas go with the edit.
        AnnotateTests.send(&s, journal, .escape, .char("u"))
        #expect(s.scores?.result.originalReports == nil, "\(s.status.message ?? "")")
        #expect(s.session?.triage?.leaderboard.corrected == false)
    }

    @Test func aRunWhoseRankTheEditsChangedIsMarked() throws {
        var (s, journal) = try Self.compared()
        Self.acceptBsTitle(&s, journal)
        // B made the best on `all overall` (as if the edits had lifted it above A).
        s.session!.triage!.leaderboard.cells[1][0].value = 0.999
        let board = try #require(s.session?.triage?.leaderboard)
        #expect(board.ranks(0) == [2, 1] && board.ranks(0, original: true) == [1, 2])
        #expect(try Self.boardRow(s, run: 1).contains("#1 was #2"))
        #expect(try Self.boardRow(s, run: 0).contains("#2 was #1"))
    }

    @Test func ranksShareTiesAndPutMissingValuesLast() throws {
        let column = Triage.Leaderboard.Column(scope: "all", metric: .overall)
        func cell(_ v: Double?) -> Triage.Leaderboard.Cell { .init(value: v, exact: "", isCount: false, cases: []) }
        let board = Triage.Leaderboard(
            columns: [column], runs: ["a", "b", "c", "d"], cells: [[cell(0.5)], [cell(0.7)], [cell(0.5)], [cell(nil)]])
        #expect(board.ranks(0) == [2, 1, 2, 4])
        let errors = Triage.Leaderboard.Column(scope: "all", error: ErrorColumn.allCases[0])
        let fewer = Triage.Leaderboard(columns: [errors], runs: ["a", "b"], cells: [[cell(3)], [cell(1)]])
        #expect(fewer.ranks(0) == [2, 1])
    }

    // MARK: - The focused run

    @Test func enterOnALeaderboardRowFocusesItsRun() throws {
        var (s, journal) = try Self.compared()
        #expect(s.session?.focusedRun == 0)
        AnnotateTests.send(&s, journal, .char("L"))
        for _ in 0..<10 {
            guard case .triage(let t)? = s.overlay, t.rows[t.cursor.index].identity != "run 1" else { break }
            AnnotateTests.send(&s, journal, .char("j"))
        }
        AnnotateTests.send(&s, journal, .enter)
        #expect(s.overlay == nil)
        #expect(s.session?.focusedRun == 1)
        #expect(s.list.filter.slice?.label.hasPrefix("weak-sim") == true)
        #expect(s.status.message?.contains("run B focused") == true, "\(s.status.message ?? "nil")")
        // The list's verdicts are B's: every listed case is one B missed.
        let b = try #require(s.session?.scores?.runs[1])
        #expect(s.list.visible.allSatisfy { !(b.verdicts[$0].format && b.verdicts[$0].overall) })
    }

    @Test func yAndYAndVTakeTheFocusedRunsPrediction() throws {
        var (s, journal) = try Self.compared()
        AnnotateTests.send(&s, journal, .char(":"))
        AnnotateTests.type(&s, journal, "U 4")
        AnnotateTests.send(&s, journal, .enter)
        let data = try #require(s.data)
        let entry = try #require(s.selected)
        guard case .text(let rawA)? = data.predictionLine(entry, run: 0),
            case .text(let rawB)? = data.predictionLine(entry, run: 1)
        else {
            Issue.record("U 4 has no prediction text")
            return
        }
        #expect(rawA != rawB)
        #expect(GettingOutTests.copied(s)?.what == "the predicted call of run A")
        AnnotateTests.send(&s, journal, .char("b"))
        let copy = try #require(GettingOutTests.copied(s))
        #expect(copy.what == "the predicted call of run B")
        #expect(copy.text.contains("Harbor Lights"), "\(copy.text)")
        var y = s
        #expect(GettingOutTests.effect(&y, .char("Y")) == .copy(FocusedText("the raw prediction of run B", rawB)))
        // v in the raw view: the case's JSON and B's line.
        AnnotateTests.send(&s, journal, .char("r"))
        #expect(s.overlay?.kind == .raw)
        // The raw view shows B's predictions file and line.
        if case .raw(let raw)? = s.overlay {
            let text = raw.lines.map(\.plain).joined(separator: "\n")
            #expect(text.contains("weak-sim/test_untrained_user") && text.contains(rawB.prefix(20)), "\(text.suffix(300))")
        }
        let paged = try #require(GettingOutTests.paged(s))
        #expect(paged.text.hasSuffix("predict:\n" + rawB), "\(paged.text.suffix(200))")
    }

    // MARK: - Run letters

    @Test func runLettersNeverRepeat() {
        #expect((0..<28).map(Session.runLetter).suffix(4) == ["Y", "Z", "AA", "AB"])
        #expect(Session.runLetter(0) == "A" && Session.runLetter(49) == "AX" && Session.runLetter(51) == "AZ")
        #expect(Session.runLetter(52) == "BA" && Session.runLetter(701) == "ZZ" && Session.runLetter(702) == "AAA")
        #expect(Set((0..<1000).map(Session.runLetter)).count == 1000)
    }

    @Test func thirtyRunsAreNamedByTheirOwnLettersEverywhere() throws {
        let root = try #require(Sample.dataRoot)
        let a = try Benchmark.load(data: root, predictions: try #require(Sample.run("strong-sim") as URL?))
        let others = (1..<30).map { RunData(name: "run\($0 + 1)", predictions: a.predictions) }
        var s = Fixture.state(ExplorerData(benchmark: a, runName: "run1", otherRuns: others), width: 200, height: 50)
        // :run AB focuses the 28th run; the status line and the message name it AB.
        Fixture.send(&s, .key(.char(":")))
        Fixture.type(&s, "run AB")
        Fixture.send(&s, .key(.enter))
        #expect(s.session?.focusedRun == 27)
        #expect(s.status.message?.hasPrefix("run AB (run28) focused") == true, "\(s.status.message ?? "nil")")
        let text = Screen.text(s)
        #expect(text.contains("run AB/30"), "\(text)")
        // The list header: the glyph columns headed by their range, no letter repeated.
        #expect(text.contains("A…AD"), "\(text)")
        #expect(!text.contains("ZZZZ"))
        // The dashboard's run names.
        let dashboard = TriageRows.rows(try #require(s.viewContext), .dashboard, width: 200).map(\.line.plain).joined(
            separator: "\n")
        #expect(dashboard.contains("AA = run27") && dashboard.contains("AD = run30"), "\(dashboard.prefix(600))")
    }

    // MARK: - The saved view

    @Test func theSavedViewKeepsTheFocusedRunAndThePairByName() throws {
        var (s, journal) = try Self.compared()
        AnnotateTests.send(&s, journal, .char("b"))
        AnnotateTests.send(&s, journal, .char(":"))
        AnnotateTests.type(&s, journal, "compare B A")
        AnnotateTests.send(&s, journal, .enter)
        let view = try #require(SavedView(s))
        #expect(view.focusedRun == "weak-sim" && view.comparedRuns == ["weak-sim", "strong-sim"])
        // Through the file.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-gold-view-\(UUID().uuidString)")
        let url = dir.appendingPathComponent("sessions.json")
        try SessionFile.save(view, key: "k", to: url)
        let loaded = try #require(SessionFile.load(url, key: "k").view)
        var r = AppState(width: 160, height: 45)
        r.restore = loaded
        Fixture.send(&r, .loaded(try Fixture.compared()))
        #expect(r.session?.focusedRun == 1)
        #expect(r.session?.chosenPair == RunPair(a: 1, b: 0))
        #expect(r.status.message?.contains("run B focused, comparing B and A") == true, "\(r.status.message ?? "nil")")
        // Other runs (the names do not match): nothing is restored about runs.
        var other = AppState(width: 160, height: 45)
        other.restore = loaded
        let root = try #require(Sample.dataRoot)
        let a = try Benchmark.load(data: root, predictions: try #require(Sample.run("strong-sim") as URL?))
        Fixture.send(
            &other, .loaded(ExplorerData(benchmark: a, runName: "x", otherRuns: [RunData(name: "y", predictions: a.predictions)]))
        )
        #expect(other.session?.focusedRun == 0 && other.session?.chosenPair == nil)
        // A view saved before runs were kept still reads.
        try Data(
            #"{"version": 1, "views": {"k": {"verdicts": [], "errors": [], "splits": [], "scenarios": [], "platforms": [], "users": [], "statuses": [], "comparisons": [], "sort": "index", "descending": false, "focus": "list", "context": "catalog", "saved": ""}}}"#
                .utf8
        ).write(to: url)
        let old = SessionFile.load(url, key: "k")
        #expect(old.warning == nil && old.view?.focusedRun == nil)
    }

    // MARK: - Help

    @Test func theHelpListsFilterAdjudicate() {
        #expect(ExplorerCommandLine.helpLines.contains { $0.0 == "filter adjudicate" })
        let page = HelpLines.page(glyphs: .unicode, width: 120)
        #expect(page.lines.contains { $0.plain.contains("filter adjudicate") })
    }
}
