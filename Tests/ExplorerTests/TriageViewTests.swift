import Evaluator
import Explorer
import TUICore
import Testing

/// The summary views: golden snapshots, and Enter drilling down to exactly a row's cases.
@Suite("Summary views")
struct TriageViewTests {
    @Test(arguments: [("d", "dashboard"), ("F", "patterns"), ("w", "users"), ("t", "tools"), ("p", "prompt")])
    func snapshots(_ key: String, _ name: String) throws {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 120, height: 40)
        #expect(s.session?.triage != nil, "the summary model is computed after scoring")
        Fixture.keys(&s, .char(Character(key)))
        goldens.check("view-\(name)-120x40", Screen.text(s))
        #expect(Screen.text(s).contains(name.uppercased()))
    }

    @Test func dashboardNumbersAreTheCSVs() throws {
        for model in ["strong-sim", "weak-sim"] {
            let data = try Fixture.sample(model)
            var s = Fixture.state(data, width: 200, height: 50)
            // By default percentages (checked below); `:set exact` shows the CSV's own values.
            let percent = TriageRows.rows(s.viewContext!, .dashboard, width: 196).map(\.line.plain).joined(separator: "\n")
            Fixture.keys(&s, .char(":"))
            Fixture.type(&s, "set exact")
            Fixture.keys(&s, .enter, .char("d"))
            let text = TriageRows.rows(s.viewContext!, .dashboard, width: 196).map(\.line.plain).joined(separator: "\n")
            let report = try #require(s.scores?.report)
            for split in report.splits {
                for (metric, value) in split.accuracy {
                    let shown = value.map { String(format: "%5.1f%%", $0 * 100) } ?? "n/a"
                    #expect(percent.contains(shown), "\(model) \(split.name) \(metric): \(shown)")
                }
            }
            for split in report.splits {
                for (metric, value) in split.accuracy {
                    #expect(text.contains(value.map(PyRepr.float) ?? "n/a"), "\(model) \(split.name) \(metric)")
                }
            }
            let overall = try #require(report.overall)
            for c in ErrorColumn.allCases {
                let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("  \(c.rawValue) ") })
                let cells = line.split(separator: " ").dropFirst().map(String.init)
                #expect(cells.last == String(overall.errorCounts[c] ?? -1), "\(line)")
                #expect(cells.dropLast() == report.splits.map { String($0.errorCounts[c] ?? -1) }, "\(line)")
            }
        }
    }

    @Test func enterOnADashboardRowListsExactlyItsCases() throws {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 120, height: 40)
        Fixture.keys(&s, .char("d"))
        let rows = TriageRows.rows(s.viewContext!, .dashboard, width: Layout(s).overlayWidth)
        // Walk to the value_error row and open it.
        let target = try #require(rows.firstIndex { $0.line.plain.hasPrefix("  value_error ") && $0.cases != nil })
        while s.triageCursor < target { Fixture.keys(&s, .char("j")) }
        #expect(s.triageCursor == target)
        Fixture.keys(&s, .enter)
        #expect(s.overlay == nil && s.panes.focus == .list)
        let expected = ((s.scores?.runs.map(\.verdicts) ?? [])[0].indices).filter {
            (s.scores?.runs.map(\.verdicts) ?? [])[0][$0].errorColumns.contains(.value)
        }
        #expect(s.list.visible == expected)
        #expect(Screen.text(s).contains("filter: value_error"))
        Fixture.keys(&s, .char("f"), .char("x"), .escape)
        #expect(s.list.visible.count == 150)
    }

    @Test func usersViewFiltersToTheUserAndShowsTheProfile() throws {
        var s = Fixture.state(try Fixture.sample(), width: 200, height: 50)
        Fixture.keys(&s, .char("w"), .char("j"), .enter)
        let user = try #require(s.list.filter.users.first)
        #expect(s.list.visible.allSatisfy { s.data!.cases[$0].user == user })
        #expect(s.list.visible.count == s.data!.users[user].caseCount)
        #expect(s.panes.contextMode == .profile)
    }

    @Test func promptViewSwitchesTemplatesAndShowsQuirks() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char("p"))
        #expect(Screen.text(s).contains("[api]"))
        for _ in 0..<4 { Fixture.keys(&s, .right) }  // api, qwen, llama3, mistral, deepseek3
        let text = Screen.text(s)
        #expect(text.contains("[deepseek3]"))
        #expect(text.contains("! "), "the deepseek3 template's quirks are noted")
        Fixture.keys(&s, .left, .escape)
        #expect(s.overlay == nil)
    }

    @Test func patternsGroupOnlyFailingCases() throws {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 120, height: 40)
        Fixture.keys(&s, .char("F"), .enter)
        #expect(!s.list.visible.isEmpty)
        #expect(s.list.visible.allSatisfy { s.scores!.runs.map(\.summaries)[0][$0].isFailing })
    }
}

/// The dashboard at 80×24: every headline number whole on the first screen.
@Suite("Dashboard at 80×24")
struct SmallDashboardTests {
    @Test func everyHeadlineNumberIsWholeOnTheFirstScreen() throws {
        for data in [try Fixture.sample(), try Fixture.compared()] {
            var s = Fixture.state(data, width: 80, height: 24)
            Fixture.keys(&s, .char("d"))
            let screen = Screen.text(s)
            let report = try #require(s.scores?.report)
            let columns = report.splits.map { ($0.name, $0.accuracy) } + (report.overall.map { [("overall", $0.accuracy)] } ?? [])
            for (name, accuracy) in columns {
                for metric in [Metric.overall, .format, .platforms, .toolNames] {
                    guard let value = accuracy[metric] ?? nil else { continue }
                    let shown = String(format: "%5.1f%%", value * 100).trimmingCharacters(in: .whitespaces)
                    #expect(screen.contains(shown), "\(name) \(metric) \(shown) at 80×24:\n\(screen)")
                }
            }
            if data.runs.count > 1 {
                #expect(screen.contains("B = weak-sim"), "a comparison shows the runs in the first table")
            }
        }
    }
}
