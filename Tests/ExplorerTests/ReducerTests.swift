import Evaluator
import Explorer
import Foundation
import TUICore
import Testing

@Suite("Reducer")
struct ReducerTests {
    let data: ExplorerData

    init() throws { data = try Fixture.sample() }

    @Test func loadingScoresEveryCaseAndSelectsTheFirst() throws {
        var s = AppState(width: 200, height: 50)
        let effects = Reducer.reduce(&s, .loaded(data))
        // The first case's detail is asked for, not built inside reduce.
        #expect(effects == [.score(request: 1), .buildDetail(request: 1)])
        #expect(s.scores?.primary.verdicts == nil)
        #expect(s.list.visible.count == 150)
        #expect(s.panes.detail == nil && s.panes.pending != nil)
        for action in SynchronousEffectRunner().perform(effects, for: s) { _ = Reducer.reduce(&s, action) }
        let verdicts = try #require(s.scores?.primary.verdicts)
        #expect(verdicts.count == 150)
        // The explorer's verdicts are ptscope score's.
        let report = data.benchmark.score()
        let expected = report.splits.flatMap(\.verdicts)
        for (a, b) in zip(verdicts, expected) {
            #expect(a.overall == b.overall && a.format == b.format && a.errorColumns == b.errorColumns)
        }
    }

    @Test func movingClampsAtBothEnds() {
        var s = Fixture.state(data, width: 120, height: 40)
        Fixture.keys(&s, .char("k"))
        #expect(s.list.cursor.index == 0)
        Fixture.keys(&s, .char("j"), .down, .char("j"))
        #expect(s.list.cursor.index == 3)
        Fixture.keys(&s, .char("G"))
        #expect(s.list.cursor.index == 149)
        #expect(s.list.cursor.top == 150 - Layout(s).listRows)
        Fixture.keys(&s, .char("j"))
        #expect(s.list.cursor.index == 149)
        Fixture.keys(&s, .home)
        #expect(s.list.cursor.index == 0 && s.list.cursor.top == 0)
        Fixture.keys(&s, .pageDown)
        #expect(s.list.cursor.index == Layout(s).listRows - 1)
        #expect(s.panes.detail?.caseID == s.list.visible[s.list.cursor.index])
    }

    @Test func nextFailureStepsThroughFailingCasesAndWraps() throws {
        var s = Fixture.state(data, width: 120, height: 40)
        let failing = s.list.visible.filter { [.fail, .format].contains(Filter.verdict(s.verdict($0))) }
        #expect(!failing.isEmpty)
        Fixture.keys(&s, .char("]"))
        #expect(s.selectedID == failing[0])
        Fixture.keys(&s, .char("]"))
        #expect(s.selectedID == failing[1])
        Fixture.keys(&s, .char("["))
        #expect(s.selectedID == failing[0])
        Fixture.keys(&s, .char("["))
        #expect(s.selectedID == failing.last)
        #expect(s.message == "wrapped to the bottom")
    }

    @Test func searchTypesWithoutShortcutsAndJumpsBetweenMatches() throws {
        var s = Fixture.state(data, width: 120, height: 40)
        Fixture.keys(&s, .char("/"))
        #expect(s.editor?.line.text == "")
        Fixture.type(&s, "qZoë")  // q must not quit while typing
        #expect(!s.quit)
        Fixture.keys(&s, .backspace)
        Fixture.keys(&s, .left)  // moves the cursor, the text stays
        #expect(s.editor?.line.text == "qZo")
        Fixture.keys(&s, .end, .ctrl("u"))
        Fixture.type(&s, "Zoë")
        Fixture.keys(&s, .enter)
        let matches = try #require(s.list.search.matches)
        #expect(!matches.isEmpty)
        for id in matches.prefix(20) {
            let c = data.benchmarkCase(data.cases[id])
            let raw = String(decoding: data.split(of: data.cases[id]).bytes[c.byteRange], as: UTF8.self)
            #expect(raw.lowercased().contains("zoë") || raw.contains("\\u00eb"))
        }
        #expect(s.selectedID == matches[0])
        Fixture.keys(&s, .char("n"))
        #expect(s.selectedID == matches[1])
        Fixture.keys(&s, .char("N"))
        #expect(s.selectedID == matches[0])
        Fixture.keys(&s, .escape)
        #expect(s.list.search.query.isEmpty && s.list.search.matchSet.isEmpty)
    }

    @Test func searchFindsTextOnlyInThePrediction() throws {
        var s = Fixture.state(data, width: 120, height: 40)
        // A word the weak model writes in prose around its calls appears in no data.json.
        let id = try #require(
            data.cases.first { e in
                if case .text(let t)? = data.predictionLine(e) { return t.contains("out_of_office") }
                return false
            }?.id)
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "OUT_OF_OFFICE")
        Fixture.keys(&s, .enter)
        #expect(s.list.search.matchSet.contains(id))
    }

    @Test func filterNarrowsTheListAndKeepsTheSelectionNearby() throws {
        var s = Fixture.state(data, width: 120, height: 40)
        Fixture.keys(&s, .char("j"), .char("j"))
        Fixture.keys(&s, .char("f"))
        guard case .filter(let menu)? = s.overlay else {
            Issue.record("no filter menu")
            return
        }
        #expect(menu.items[menu.cursor.index] == .verdict(.pass))
        Fixture.keys(&s, .char("j"), .char(" "))  // fail
        let expected = data.cases.filter { Filter.verdict(s.verdict($0.id)) == .fail }.map(\.id)
        #expect(s.list.visible == expected)
        #expect(s.list.filter.verdicts == [.fail])
        #expect(s.selectedID.map { $0 >= 2 } == true)
        // A second value in another dimension: fail AND value_error.
        for _ in 0..<10 {
            if case .filter(let m)? = s.overlay, m.items[m.cursor.index] == .error(.column(.value)) { break }
            Fixture.keys(&s, .char("j"))
        }
        Fixture.keys(&s, .enter)
        #expect(s.list.visible.allSatisfy { s.verdict($0)?.errorColumns.contains(.value) == true })
        #expect(!s.list.visible.isEmpty)
        Fixture.keys(&s, .char("x"))
        #expect(s.list.visible.count == 150)
        Fixture.keys(&s, .escape)
        #expect(s.overlay == nil)
    }

    @Test func filterCountsMatchTheScoreReport() throws {
        var s = Fixture.state(data, width: 120, height: 40)
        Fixture.keys(&s, .char("f"))
        guard case .filter(let menu)? = s.overlay else { return }
        let report = try #require(s.scores?.report)
        for (item, count) in zip(menu.items, menu.counts) {
            if case .error(.column(let c)) = item {
                #expect(count == report.splits.reduce(0) { $0 + ($1.errorCounts[c] ?? 0) })
            }
            if case .verdict(.format) = item {
                #expect(count == report.splits.reduce(0) { $0 + $1.formatFailures })
            }
        }
    }

    @Test func focusCyclesAndEscapeGoesBack() {
        var s = Fixture.state(data, width: 200, height: 50)
        #expect(s.panes.focus == .list)
        Fixture.keys(&s, .tab)
        #expect(s.panes.focus == .detail)
        Fixture.keys(&s, .tab)
        #expect(s.panes.focus == .context)
        Fixture.keys(&s, .tab)
        #expect(s.panes.focus == .list)
        Fixture.keys(&s, .backTab)
        #expect(s.panes.focus == .context)
        Fixture.keys(&s, .escape)
        #expect(s.panes.focus == .detail)
        Fixture.keys(&s, .escape)
        #expect(s.panes.focus == .list)
        Fixture.keys(&s, .enter)
        #expect(s.panes.focus == .detail)
    }

    @Test func scrollingTheCasePaneIsClamped() throws {
        var s = Fixture.state(data, width: 80, height: 24)
        Fixture.keys(&s, .enter, .char("G"))
        let d = try #require(s.panes.detail)
        let count = DetailLines.lines(s.viewContext!, d, width: Layout(s).detailWidth).count
        #expect(s.panes.detailScroll.offset == max(0, count - Layout(s).detailRows))
        Fixture.keys(&s, .char("j"))
        #expect(s.panes.detailScroll.offset == max(0, count - Layout(s).detailRows))
        Fixture.keys(&s, .char("g"))
        #expect(s.panes.detailScroll.offset == 0)
    }

    @Test func contextToggleShowsTheContextPaneWhenHidden() {
        var s = Fixture.state(data, width: 120, height: 40)
        #expect(Layout(s).context == nil)
        Fixture.keys(&s, .char("c"))
        #expect(s.panes.contextMode == .profile)
        #expect(s.panes.focus == .context)
        #expect(Layout(s).context != nil)
        Fixture.keys(&s, .char("c"))
        #expect(s.panes.contextMode == .catalog)
    }

    @Test func quitAndOverlays() {
        var s = Fixture.state(data, width: 120, height: 40)
        Fixture.keys(&s, .char("?"))
        #expect(s.overlay?.kind == .help)
        Fixture.keys(&s, .char("q"))  // closes help, does not quit
        #expect(s.overlay == nil && !s.quit)
        Fixture.keys(&s, .char("r"))
        #expect(s.overlay?.kind == .raw)
        Fixture.keys(&s, .escape)
        #expect(s.overlay == nil)
        #expect(Reducer.reduce(&s, .key(.char("q"))) == [.quit])
        #expect(s.quit)
    }

    @Test func resizeRelayoutsAndClamps() {
        var s = Fixture.state(data, width: 200, height: 50)
        Fixture.keys(&s, .char("G"))
        Fixture.send(&s, .resize(width: 59, height: 14))
        #expect(Layout(s).kind == .tooSmall)
        #expect(Screen.text(s).contains("terminal too small"))
        Fixture.send(&s, .resize(width: 120, height: 40))
        #expect(Layout(s).kind == .two)
        #expect(s.list.cursor.index == 149)
        #expect(s.list.cursor.index >= s.list.cursor.top && s.list.cursor.index < s.list.cursor.top + Layout(s).listRows)
    }

    @Test func mouseIsIgnoredUnlessEnabledThenSelectsAndScrolls() {
        var s = Fixture.state(data, width: 200, height: 50)
        let click = Key.mouse(MouseEvent(.click, x: 5, y: 1 + 1 + Layout.listHeaderRows + 4))
        Fixture.keys(&s, click)
        #expect(s.list.cursor.index == 0)
        s.status.mouse = true
        Fixture.keys(&s, click)
        #expect(s.list.cursor.index == 4)
        Fixture.keys(&s, .mouse(MouseEvent(.click, x: 100, y: 10)))
        #expect(s.panes.focus == .detail)
        Fixture.keys(&s, .mouse(MouseEvent(.wheelDown, x: 170, y: 10)))
        #expect(s.panes.focus == .detail, "the wheel scrolls the pane under the pointer without focusing it")
        let before = s.panes.contextScroll.offset
        Fixture.keys(&s, .mouse(MouseEvent(.wheelUp, x: 170, y: 10)))
        #expect(s.panes.contextScroll.offset == max(0, before - 3))
    }

    @Test func reloadingSmallerDataDropsFiltersAndViewsOfTheOldData() throws {
        var s = Fixture.state(data, width: 120, height: 40)
        Fixture.keys(&s, .char("f"), .char("G"), .char(" "), .escape)  // the last user
        #expect(!s.list.filter.users.isEmpty)
        Fixture.keys(&s, .char("d"))
        let (small, _) = try Fixture.hostile()  // one case, one user
        Fixture.send(&s, .loaded(small))
        #expect(s.list.filter.isEmpty && s.overlay == nil)
        #expect(s.list.visible == [0])
        _ = Screen.text(s)  // draws without touching the old data's indexes
    }

    @Test func aScoreResultOfAnOlderRequestIsDropped() throws {
        var s = Fixture.state(data, width: 120, height: 40)
        let before = s.scores?.report.lenient
        var stale = EffectWork.score(data, options: Scorer.Options(lenient: true))
        stale.request = s.session!.scoreRequest - 1
        Fixture.send(&s, .scored(stale))
        #expect(s.scores?.report.lenient == before)
        stale.request = s.session!.scoreRequest
        Fixture.send(&s, .scored(stale))
        #expect(s.scores?.report.lenient == true)
    }

    @Test func anEmptyDataSetIsScoredAndSummarized() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-empty-\(UUID().uuidString)")
        let split = dir.appendingPathComponent("test_untrained_user")
        try FileManager.default.createDirectory(at: split, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("[]".utf8).write(to: split.appendingPathComponent("data.json"))
        let empty = ExplorerData(benchmark: try Benchmark.load(data: split, predictions: nil), runName: "empty")
        var s = Fixture.state(empty, width: 120, height: 40)
        #expect(s.session?.triage != nil)
        for key in ["j", "]", "a", "d", "G"] { Fixture.keys(&s, .char(Character(key))) }
        #expect(Screen.text(s).contains("DASHBOARD"))
    }

    @Test func keysBeforeLoadingDoNothingButQuit() {
        var s = AppState(width: 120, height: 40)
        #expect(Reducer.reduce(&s, .key(.char("]"))) == [])
        #expect(Reducer.reduce(&s, .key(.char("f"))) == [])
        #expect(s.overlay == nil)
        #expect(Screen.text(s).contains("loading"))
        #expect(Reducer.reduce(&s, .key(.char("q"))) == [.quit])
    }
}
