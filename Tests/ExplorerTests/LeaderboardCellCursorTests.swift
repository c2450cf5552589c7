import Evaluator
import Foundation
import TUICore
import Testing

@testable import Explorer

/// The leaderboard's cell cursor: `h`/`l` (←/→) and `0`/`$` move it across the columns, the
/// table scrolling to keep it in view; it stays on its column when the table is laid out again;
/// its cell is drawn in its own role and its column's header marked; Enter lists exactly the
/// cases behind its cell.
@Suite("Leaderboard cell cursor")
struct LeaderboardCellCursorTests {
    typealias Column = Triage.Leaderboard.Column

    /// The columns of the sample's leaderboard (both splits and `all`).
    static func columns(_ s: AppState) throws -> [Column] { try #require(s.session?.triage?.leaderboard.columns) }

    /// The column the cursor is on (nil in the overlay: the first, `all overall`).
    static func cursor(_ s: AppState) throws -> Column {
        let t = try LeaderboardTests.overlay(s)
        return try t.cell ?? #require(columns(s).first)
    }

    /// `l` until the cursor is on `title` (at most once per column).
    static func moveCursor(_ s: inout AppState, to title: String) throws {
        for _ in try 0...columns(s).count where try cursor(s).title != title { Fixture.keys(&s, .char("l")) }
        try #require(try cursor(s).title == title)
    }

    /// `j`/`k` until the selected row is run `run`'s.
    static func selectRun(_ s: inout AppState, _ run: Int) throws {
        let t = try LeaderboardTests.overlay(s)
        let target = try #require(t.rows.firstIndex { $0.identity == "run \(run)" })
        for _ in 0..<t.rows.count where s.triageCursor != target {
            Fixture.keys(&s, s.triageCursor < target ? .char("j") : .char("k"))
        }
        try #require(s.triageCursor == target)
    }

    /// The header row of the open leaderboard's table.
    static func header(_ t: TriageOverlay) throws -> TriageRow {
        try #require(t.rows.first { $0.cases == nil && $0.cell != nil })
    }

    // MARK: - Moving

    @Test func hAndLMoveOneColumnZeroAndDollarToTheEndsClampedTheTableScrollingToIt() throws {
        var s = try LeaderboardTests.board()
        let columns = try Self.columns(s)
        #expect(try Self.cursor(s).title == "all overall")
        #expect(try LeaderboardTests.overlay(s).overflowsRight, "42 columns do not fit 120: the table scrolls")
        Fixture.keys(&s, .char("h"))
        #expect(s.status.message == "already at the first column")
        #expect(try Self.cursor(s) == columns[0])
        // Every column in turn, with l and →: the cursor's column is always in view and its header marked.
        for c in 1..<columns.count {
            Fixture.keys(&s, c % 2 == 0 ? .char("l") : .right)
            let t = try LeaderboardTests.overlay(s)
            #expect(t.cell == columns[c])
            let header = try Self.header(t)
            let place = try #require(header.cell)
            #expect(
                TriageTable.split(header.line, place).inside.plain.contains(columns[c].title), "\(header.line.plain)")
            #expect(TriageTable.split(header.line, place).inside.spans.allSatisfy { $0.role == .match })
        }
        #expect(try LeaderboardTests.overlay(s).columnOffset > 0)
        Fixture.keys(&s, .char("l"))
        #expect(s.status.message == "already at the last column")
        #expect(try Self.cursor(s) == columns.last)
        // 0: the first column, scrolled back; $: the last again; ← and h one back.
        Fixture.keys(&s, .char("0"))
        var t = try LeaderboardTests.overlay(s)
        #expect(t.cell == columns[0] && t.columnOffset == 0)
        Fixture.keys(&s, .char("$"), .left, .char("h"))
        t = try LeaderboardTests.overlay(s)
        #expect(t.cell == columns[columns.count - 3] && t.columnOffset > 0)
        // j and k still move the rows; the cursor keeps its column.
        let row = s.triageCursor
        Fixture.keys(&s, .char("j"))
        #expect(s.triageCursor != row)
        #expect(try Self.cursor(s) == columns[columns.count - 3])
    }

    @Test func theCellUnderTheCursorIsDrawnInTheMatchRoleOverTheSelection() throws {
        var s = try LeaderboardTests.board()
        try Self.moveCursor(&s, to: "U tool_names")
        let t = try LeaderboardTests.overlay(s)
        let row = t.rows[t.cursor.index]
        let place = try #require(row.cell)
        let text = TriageTable.split(row.line, place).inside.plain.trimmingCharacters(in: .whitespaces)
        let board = try #require(s.session?.triage?.leaderboard)
        let column = try #require(board.columns.firstIndex { $0.title == "U tool_names" })
        #expect(text.hasSuffix(board.cells[0][column].percent), "\(text)")
        // On screen: two rows hold .match cells, the header (the column's title) and the selected
        // row (the cell's value), the rest of that row in .selection.
        let buffer = Screen.render(s)
        let rows = (0..<buffer.height).filter { y in (0..<buffer.width).contains { buffer[$0, y].role == .match } }
        try #require(rows.count == 2)
        func matched(_ y: Int) -> String {
            (0..<buffer.width).filter { buffer[$0, y].role == .match }.map { buffer[$0, y].text }.joined()
        }
        #expect(matched(rows[0]).contains("U tool_names"), "\(matched(rows[0]))")
        #expect(matched(rows[1]).trimmingCharacters(in: .whitespaces) == text)
        #expect((0..<buffer.width).contains { buffer[$0, rows[1]].role == .selection })
        // Moving the row: the cell follows it, on the same column.
        Fixture.keys(&s, .char("j"))
        let moved = Screen.render(s)
        let y = try #require(
            (0..<moved.height).last { y in (0..<moved.width).contains { moved[$0, y].role == .match } })
        #expect(y == rows[1] + 1)
    }

    // MARK: - Laid out again

    @Test func theCursorStaysOnItsColumnWhenTheTableIsLaidOutAgain() throws {
        var s = try LeaderboardTests.board()
        try Self.moveCursor(&s, to: "T tool_names")
        let before = try LeaderboardTests.overlay(s).columnOffset
        #expect(before > 0)
        // Wider: every column fits, nothing scrolled, the cursor on its column.
        Fixture.send(&s, .resize(width: 1000, height: 40))
        var t = try LeaderboardTests.overlay(s)
        #expect(t.cell?.title == "T tool_names" && t.columnOffset == 0)
        #expect(try Self.header(t).cell != nil)
        // Narrower than ever: still on it, scrolled to it.
        Fixture.send(&s, .resize(width: 80, height: 30))
        t = try LeaderboardTests.overlay(s)
        #expect(t.cell?.title == "T tool_names" && t.columnOffset > 0)
        let header = try Self.header(t)
        #expect(TriageTable.split(header.line, try #require(header.cell)).inside.plain.contains("T tool_names"))
        // The exact values (wider cells; `:set exact` from the list): the same column.
        s.session?.options.exactValues = true
        Fixture.send(&s, .resize(width: 80, height: 30))
        t = try LeaderboardTests.overlay(s)
        #expect(t.rows.contains { $0.line.plain.contains("as acc_results.csv") })
        #expect(t.cell?.title == "T tool_names")
        #expect(try Self.header(t).cell != nil)
        // Re-scored, leniently (a new triage model arrives): the same column, Enter lists its cases.
        s.session?.options.scorer.lenient = true
        let model = s.session?.triage?.request
        Fixture.send(&s, .command(.rescore))
        #expect(s.session?.triage?.request != model)
        t = try LeaderboardTests.overlay(s)
        #expect(t.cell?.title == "T tool_names")
        #expect(try Self.header(t).cell != nil)
        #expect(t.rows[t.cursor.index].label.hasSuffix("T tool_names missed"))
    }

    // MARK: - Enter

    /// The cases of split `letter` (nil: both) whose verdict `failed` says so, in the list's order.
    static func expected(_ s: AppState, run: Int, split letter: String?, _ failed: (CaseVerdict) -> Bool) throws -> [Int] {
        let data = try #require(s.data)
        let verdicts = try #require(s.scores?.runs[run].verdicts)
        return data.cases.indices.filter { id in
            (letter == nil || data.splitLetter(data.cases[id].split) == letter) && failed(verdicts[id])
        }
    }

    @Test(arguments: ["U", "T", "all"])
    func enterListsExactlyTheCasesOfAMetricAndAnErrorColumnOfEitherRun(_ scope: String) throws {
        for run in 0..<2 {
            for (name, failed) in [
                ("tool_names", { (v: CaseVerdict) in !(v.format && v.toolNames) }),
                ("value_error", { (v: CaseVerdict) in v.errorColumns.contains(.value) }),
            ] {
                var s = try LeaderboardTests.board()
                let title = "\(scope) \(name)"
                try Self.moveCursor(&s, to: title)
                try Self.selectRun(&s, run)
                Fixture.keys(&s, .enter)
                let want = try Self.expected(s, run: run, split: scope == "all" ? nil : scope, failed)
                #expect(!want.isEmpty, "\(title): the sample has cases behind it")
                #expect(s.overlay == nil && s.list.visible == want, "\(title), run \(run)")
                #expect(s.session?.focusedRun == run)
                let runName = try #require(s.data?.runs[run].name)
                let label = "\(runName): \(title)" + (name == "tool_names" ? " missed" : "")
                #expect(s.list.filter.slice?.label == label)
                #expect(s.status.message?.hasPrefix("\(want.count) cases: \(label)") == true, "\(s.status.message ?? "")")
            }
        }
    }

    // MARK: - Snapshot

    @Test func snapshotWithTheCursorScrolledToASplitsColumn() throws {
        var s = try LeaderboardTests.board()
        try Self.moveCursor(&s, to: "U tool_names")
        Fixture.keys(&s, .char("j"))
        goldens.check("view-leaderboard-cursor-120x40", Screen.text(s))
    }
}
