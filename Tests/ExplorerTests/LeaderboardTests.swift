import Evaluator
import Foundation
import Sample
import TUICore
import Testing

@testable import Explorer

/// The leaderboard (`L`): one row per run, equal to each run's report, sortable by any column,
/// best values marked, Enter listing exactly the cases behind a cell.
@Suite("Leaderboard")
struct LeaderboardTests {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    static func overlay(_ s: AppState) throws -> TriageOverlay {
        guard case .triage(let t)? = s.overlay, t.kind == .leaderboard else { throw Failure("no leaderboard open") }
        return t
    }

    /// The sample's two models compared (A = strong-sim, B = weak-sim), the leaderboard open.
    static func board(width: Int = 120, height: Int = 40) throws -> AppState {
        var s = Fixture.state(try Fixture.compared(), width: width, height: height)
        #expect(s.session?.triage != nil)
        Fixture.keys(&s, .char("L"))
        return s
    }

    /// The rows of the open leaderboard that stand for runs, in the order shown.
    static func runRows(_ t: TriageOverlay) -> [TriageRow] { t.rows.filter { $0.identity != nil } }

    @Test func snapshotOfTheComparedSample() throws {
        let s = try Self.board()
        goldens.check("view-leaderboard-120x40", Screen.text(s))
    }

    @Test func rowsEqualEachRunsReport() throws {
        let s = try Self.board()
        let result = try #require(s.scores?.result)
        let data = try #require(s.data)
        let board = Triage.leaderboard(data: data, dashboards: try #require(s.session?.triage?.dashboards))
        #expect(board.runs == ["strong-sim", "weak-sim"])
        #expect(board.columns.count == 3 * 14 && board.columns.first?.title == "all overall")
        #expect(board.columns[1].title == "all format" && board.columns[8].title == "all func_wrong_error")
        for (r, report) in result.reports.enumerated() {
            let overall = try #require(report.overall)
            for (c, column) in board.columns.enumerated() {
                let split = report.splits.first { score in
                    data.benchmark.splits.indices.contains {
                        data.benchmark.splits[$0].name == score.name && data.splitLetter($0) == column.scope
                    }
                }
                let accuracy = column.scope == "all" ? overall.accuracy : try #require(split).accuracy
                let errors = column.scope == "all" ? overall.errorCounts : try #require(split).errorCounts
                if let metric = column.metric {
                    #expect(board.cells[r][c].value == accuracy[metric] ?? nil, "\(column.title)")
                    #expect(board.cells[r][c].exact == (accuracy[metric].flatMap { $0 }.map(PyRepr.float) ?? "n/a"))
                } else if let error = column.error {
                    #expect(board.cells[r][c].value == Double(errors[error] ?? -1), "\(column.title)")
                }
            }
        }
        // On screen: each run's overall accuracy as a percentage in its row.
        let t = try Self.overlay(s)
        for (r, row) in Self.runRows(t).enumerated() {
            let o = try #require(result.reports[r].overall?.accuracy[.overall] ?? nil)
            #expect(row.line.plain.contains(String(format: "%.1f%%", o * 100)), "\(row.line.plain)")
        }
    }

    @Test func sortedByTheCursorsColumnBothWaysWithTheHeaderMarked() throws {
        var s = try Self.board(width: 200, height: 50)
        let data = try #require(s.data)
        let board = Triage.leaderboard(data: data, dashboards: try #require(s.session?.triage?.dashboards))
        let names = TriageRows.sortColumns(.leaderboard, data)
        #expect(names.count == board.columns.count + 1 && names[0] == "run")
        // The cell cursor starts on `all overall`: > sorts by it ascending, < descending.
        let overall = try #require(names.firstIndex(of: "all overall"))
        Fixture.keys(&s, .char(">"))
        var t = try Self.overlay(s)
        #expect(t.sort == TriageSort(column: overall) && s.status.message?.contains("sorted by all overall") == true)
        let values = board.cells.map { $0[overall - 1].value ?? -1 }
        let up = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        #expect(Self.runRows(t).map(\.identity) == up.map { "run \($0)" })
        #expect(t.rows.contains { $0.line.plain.contains("all overall ▲") })
        Fixture.keys(&s, .char("<"))
        t = try Self.overlay(s)
        let down = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
        #expect(Self.runRows(t).map(\.identity) == down.map { "run \($0)" })
        #expect(t.rows.contains { $0.line.plain.contains("all overall ▼") })
        #expect(values[0] != values[1], "the two models differ overall, so the order shows")
        // The same key again: the runs' own order.
        Fixture.keys(&s, .char("<"))
        t = try Self.overlay(s)
        #expect(t.sort.isNatural && Self.runRows(t).map(\.identity) == ["run 0", "run 1"])
        // Another column under the cursor: > sorts by that one.
        Fixture.keys(&s, .char("l"), .char("l"), .char(">"))
        #expect(try Self.overlay(s).sort == TriageSort(column: overall + 2))
        #expect(Screen.text(s).contains("\(names[overall + 2]) ▲"))
    }

    @Test func aSortedColumnsNameIsNeverCutForItsMark() throws {
        // Twenty runs with short names (the sample's models, alternately): the table is tight at 120.
        let a = try Fixture.compared()
        let more = (2...20).map { RunData(name: String(format: "run%02d", $0), predictions: a.runs[$0 % 2].predictions) }
        let data = ExplorerData(benchmark: a.benchmark, runName: "run01", otherRuns: more)
        var s = Fixture.state(data, width: 120, height: 40)
        Fixture.keys(&s, .char("L"))
        let names = TriageRows.sortColumns(.leaderboard, data)
        for name in names.dropFirst().prefix(6) {
            for (key, mark) in [(Key.char(">"), "▲"), (.char("<"), "▼")] {
                Fixture.keys(&s, key)
                #expect(Screen.text(s).contains("\(name) \(mark)"), "\(name) \(mark):\n\(Screen.text(s))")
            }
            Fixture.keys(&s, .char("l"))
        }
    }

    @Test func theBestValueOfEachColumnIsMarkedFewestErrorsBest() throws {
        let s = try Self.board(width: 120, height: 40)
        let data = try #require(s.data)
        let board = Triage.leaderboard(data: data, dashboards: try #require(s.session?.triage?.dashboards))
        var marked = 0
        for (c, column) in board.columns.enumerated() {
            let values = board.cells.map { $0[c].value }
            let best = board.best(c)
            guard let top = column.fewerIsBetter ? values.compactMap({ $0 }).min() : values.compactMap({ $0 }).max() else {
                #expect(best.isEmpty)
                continue
            }
            #expect(best == Set(values.indices.filter { values[$0] == top }), "\(column.title)")
            if best.count < board.runs.count { marked += 1 }
        }
        #expect(marked > 0)
        // An error column: the fewest is the best (weak-sim makes more value errors than strong-sim).
        let value = try #require(board.columns.firstIndex { $0.scope == "all" && $0.error == .value })
        #expect(board.cells[0][value].value! < board.cells[1][value].value!)
        #expect(board.best(value) == [0])
        // On screen: the mark and the pass role on the best cell of the row.
        let wide = TriageRows.rows(s.viewContext!, .leaderboard, width: 2000)
        let rows = wide.filter { $0.identity != nil }
        let mark = s.glyphs.preferred
        let strong = rows[0].line.plain
        let count = strong.components(separatedBy: mark).count - 1
        let bestOfStrong = board.columns.indices.filter { board.best($0) == [0] }.count
        #expect(count == bestOfStrong, "\(strong)")
        #expect(rows[0].line.spans.contains { $0.role == .pass && $0.text == mark })
    }

    @Test func enterOnACellListsExactlyTheRunsCasesBehindIt() throws {
        var s = try Self.board()
        let verdicts = try #require(s.scores?.runs.map(\.verdicts))
        // Unsorted: the cell is `all overall`; run B (weak-sim) is the second row.
        Fixture.keys(&s, .char("j"))
        #expect(try Self.overlay(s).rows[s.triageCursor].identity == "run 1")
        Fixture.keys(&s, .enter)
        let expectedB = verdicts[1].indices.filter { !verdicts[1][$0].overall }
        #expect(s.overlay == nil && s.list.visible == expectedB)
        #expect(Screen.text(s).contains("weak-sim: all overall missed"))
        // The cursor on `all value_error`, sorted by it: Enter lists the cases that column counts for run A.
        Fixture.keys(&s, .char("f"), .char("x"), .escape, .char("L"))
        try LeaderboardCellCursorTests.moveCursor(&s, to: "all value_error")
        Fixture.keys(&s, .char("<"))
        var t = try Self.overlay(s)
        let a = try #require(t.rows.firstIndex { $0.identity == "run 0" })
        while s.triageCursor != a { Fixture.keys(&s, s.triageCursor < a ? .char("j") : .char("k")) }
        t = try Self.overlay(s)
        #expect(t.rows[t.cursor.index].identity == "run 0")
        Fixture.keys(&s, .enter)
        let expectedA = verdicts[0].indices.filter { verdicts[0][$0].errorColumns.contains(.value) }
        #expect(!expectedA.isEmpty && s.list.visible == expectedA)
    }

    @Test func theCommandLineOpensItToo() throws {
        for word in ["leaderboard", "board"] {
            #expect(try ExplorerCommandLine.parse(word) == .leaderboard)
            var s = Fixture.state(try Fixture.compared(), width: 120, height: 40)
            Fixture.keys(&s, .char(":"))
            Fixture.type(&s, word)
            Fixture.keys(&s, .enter)
            #expect(try Self.overlay(s).kind == .leaderboard)
        }
    }

    @Test func oneRunIsOneRow() throws {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 120, height: 40)
        Fixture.keys(&s, .char("L"))
        let t = try Self.overlay(s)
        #expect(Self.runRows(t).count == 1)
        #expect(!Screen.text(s).contains(s.glyphs.preferred), "one run: nothing to be best against")
        Fixture.keys(&s, .enter)
        #expect(s.list.visible.count == s.scores!.primary.verdicts.filter { !$0.overall }.count)
    }

    @Test func theHeaderCountsRunsWhileScoringSeveral() throws {
        let data = try Fixture.compared()
        var session = Session(data: data)
        let perRun = data.cases.count
        session.scoring = (0, perRun * 2)
        #expect(session.scoringText == "scoring 0/2 runs…")
        session.scoring = (perRun + 3, perRun * 2)
        #expect(session.scoringText == "scoring 1/2 runs…")
        session.scoring = (perRun * 3, perRun * 4)
        #expect(session.scoringText == "scoring 1/2 runs (PTBench's reading)…")
        let one = Session(data: try Fixture.sample())
        var single = one
        single.scoring = (5, 150)
        #expect(single.scoringText == "scoring 5/150")
    }

    @Test func scoringProgressNeverGoesBack() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        _ = Reducer.reduce(&s, .scoreProgress(done: 0, total: 3249))
        // Two workers post 3,072 and 2,816 in the other order (each its own count, posted unlocked).
        _ = Reducer.reduce(&s, .scoreProgress(done: 3072, total: 3249))
        _ = Reducer.reduce(&s, .scoreProgress(done: 2816, total: 3249))
        #expect(s.session?.scoring?.done == 3072)
        _ = Reducer.reduce(&s, .scoreProgress(done: 3249, total: 3249))
        #expect(s.session?.scoring?.done == 3249)
        // A new scoring (another total) starts from its own count.
        _ = Reducer.reduce(&s, .scoreProgress(done: 256, total: 6498))
        #expect(s.session?.scoring?.done == 256)
    }
}
