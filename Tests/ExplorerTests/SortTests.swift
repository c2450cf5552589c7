import Evaluator
import Explorer
import TUICore
import Testing

/// Sorting the case list: by each column, both ways, the selection kept, the column marked.
@Suite("Sorting the case list")
struct SortTests {
    @Test func byEveryColumnBothWaysKeepingTheSelection() throws {
        let data = try Fixture.sample()
        var s = Fixture.state(data, width: 120, height: 40)
        Fixture.keys(&s, .char("j"), .char("j"), .char("j"))
        let selected = try #require(s.selectedID)
        Fixture.keys(&s, .char(">"))
        #expect(s.list.sort == CaseSort(.user))
        let names = s.list.visible.map { data.users[data.cases[$0].user].name }
        #expect(names == names.sorted(), "by user name")
        #expect(s.selectedID == selected, "the selection stays on its case")
        #expect(Screen.text(s).contains("User▲"))
        Fixture.keys(&s, .char("<"))
        let down = s.list.visible.map { data.users[data.cases[$0].user].name }
        #expect(down == names.sorted(by: >), "reversed")
        #expect(Screen.text(s).contains("User▼"))
        // Ties keep the data's order, in either direction.
        let first = down.first!
        let tied = s.list.visible.filter { data.users[data.cases[$0].user].name == first }
        #expect(tied == tied.sorted())
        // Through every column back to the data's order.
        for _ in 0..<(CaseSort.Column.allCases.count - 1) { Fixture.keys(&s, .char(">")) }
        #expect(s.list.sort.isNatural)
        #expect(s.list.visible == Array(0..<data.cases.count))
    }

    @Test func sortCommandOrdersByVerdictFailingFirst() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "sort verdict")
        Fixture.keys(&s, .enter)
        let verdicts = s.list.visible.map { s.summary($0)?.verdict }
        let firstPass = try #require(verdicts.firstIndex(of: .pass))
        #expect(verdicts[..<firstPass].allSatisfy { $0 == .fail || $0 == .format }, "failing cases first")
        #expect(verdicts[firstPass...].allSatisfy { $0 == .pass })
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "sort platfrom")
        Fixture.keys(&s, .enter)
        #expect(s.message?.contains("did you mean “platform”?") == true, "\(s.message ?? "")")
    }

    @Test func inAComparisonEachRunsVerdictIsAColumn() throws {
        let data = try Fixture.compared()
        #expect(CaseSort.columnNames(runs: 1) == ["index", "user", "scenario", "platform", "verdict", "error", "status"])
        #expect(CaseSort.columnNames(runs: 3).contains("runC") && CaseSort.columnNames(runs: 2).last == "status")
        #expect(CaseSort(name: "RunB") == CaseSort(.verdict, run: 1) && CaseSort(name: "runA") == CaseSort(.verdict))
        #expect(CaseSort(name: "run") == nil && CaseSort(name: "runBB") == nil)
        var s = Fixture.state(data, width: 120, height: 40)
        Fixture.keys(&s, .char("j"), .char("j"))
        let selected = try #require(s.selectedID)
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "sort runB")
        Fixture.keys(&s, .enter)
        #expect(s.list.sort == CaseSort(.verdict, run: 1))
        #expect(s.message == "sorted by runB")
        #expect(s.selectedID == selected)
        let b = try #require(s.scores?.runs[1].summaries)
        let a = try #require(s.scores?.runs[0].summaries)
        let rank: [Filter.Verdict: Int] = [.fail: 0, .format: 1, .pass: 2, .unscored: 3]
        let ranks = s.list.visible.map { rank[b[$0].verdict] ?? 3 }
        #expect(ranks == ranks.sorted(), "failing in run B first")
        #expect(s.list.visible.map { rank[a[$0].verdict] ?? 3 } != ranks, "not run A's order")
        // The header marks the sort, run B's letter standing out.
        let buf = Screen.render(s)
        let header = try #require((0..<s.height).first { y in (0..<s.width).map { buf[$0, y].text }.joined().contains("AB▲") })
        let row = (0..<s.width).map { buf[$0, header] }
        let x = try #require(row.indices.first { row[$0].text == "A" && row[$0 + 1].text == "B" && row[$0 + 2].text == "▲" })
        #expect(row[x + 1].role == .title && row[x].role != .title)
        // > steps from verdict to runB, then error; a run that is not loaded is refused.
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "sort verdict")
        Fixture.keys(&s, .enter, .char(">"))
        #expect(s.list.sort == CaseSort(.verdict, run: 1))
        Fixture.keys(&s, .char(">"))
        #expect(s.list.sort == CaseSort(.error))
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "sort runC desc")
        Fixture.keys(&s, .enter)
        #expect(s.list.sort == CaseSort(.error))
        #expect(s.message?.contains("no runC") == true, "\(s.message ?? "")")
    }

    @Test func aFilteredListStaysSorted() throws {
        let data = try Fixture.sample()
        var s = Fixture.state(data, width: 120, height: 40)
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "sort platform desc")
        Fixture.keys(&s, .enter)
        Fixture.keys(&s, .char("f"), .char("j"), .char(" "), .escape)  // fail only
        let platforms = s.list.visible.map { data.cases[$0].goldPlatform }
        #expect(!platforms.isEmpty && platforms == platforms.sorted(by: >))
        #expect(s.list.visible.allSatisfy { s.summary($0)?.verdict == .fail })
    }
}

/// Column widths follow the content where there is room.
@Suite("Case list widths")
struct CaseListWidthTests {
    @Test func atTwoHundredColumnsNamesAndPlacesAreWhole() throws {
        let data = try Fixture.sample()
        var s = Fixture.state(data, width: 200, height: 50)
        let layout = Layout(s)
        let list = try #require(layout.list)
        for _ in 0..<3 {
            let buf = Screen.render(s)
            for y in (list.y + 2)..<(list.maxY - 1) {
                let row = (list.x..<list.maxX).map { buf[$0, y].text }.joined()
                #expect(!row.contains("…"), "a cut row at 200 columns: \(row)")
            }
            Fixture.keys(&s, .pageDown)
        }
    }
}
