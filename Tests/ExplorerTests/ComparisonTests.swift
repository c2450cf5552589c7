import TUICore
import Testing

@testable import Evaluator
@testable import Explorer

/// A comparison with a focused run (`b`, `:run`) and a chosen pair (`:compare`): the list, its
/// counts, `]`, the filters and the summary views follow the focused run; regressions compare the pair.
@Suite("Comparison: focused run and compared pair")
struct ComparisonTests {
    /// The sample's two models, scored, run B (weak-sim) focused with `b`.
    static func focusedOnB(width: Int = 120, height: Int = 40) throws -> AppState {
        var s = Fixture.state(try Fixture.compared(), width: width, height: height)
        Fixture.keys(&s, .char("b"))
        return s
    }

    static func summaries(_ s: AppState, _ run: Int) -> [CaseSummary] { s.scores!.runs[run].summaries }

    @Test func bFocusesRunBAndTheCountsAndErrorColumnFollowIt() throws {
        let s = try Self.focusedOnB()
        #expect(s.session?.focusedRun == 1)
        let b = Self.summaries(s, 1)
        let pass = b.filter { $0.verdict == .pass }.count
        let fail = b.filter { $0.verdict == .fail }.count
        #expect(s.list.counts?.pass == pass && s.list.counts?.fail == fail)
        #expect(pass != Self.summaries(s, 0).filter { $0.verdict == .pass }.count)
        let text = Screen.text(s)
        #expect(text.contains("\(s.glyphs.pass) \(pass)  \(s.glyphs.fail) \(fail)"))
        // The header and the status line name the focused run.
        #expect(text.split(separator: "\n").first?.contains("run B/2 weak-sim") == true)
        #expect(text.split(separator: "\n").last?.contains(" run B ") == true)
        // The error column is B's: a case A passes shows B's errors.
        let a = Self.summaries(s, 0)
        let id = try #require(b.indices.first { a[$0].verdict == .pass && b[$0].errorBits != 0 })
        var shown = s
        Reducer.recomputeVisible(&shown, keeping: id)
        let entry = shown.data!.cases[id]
        let row = try #require(
            Screen.text(shown).split(separator: "\n").first {
                $0.contains("\(entry.index) \(shown.data!.splitLetter(entry.split)) ")
            })
        let errors = ListView.errorText(shown.scores!.runs[1].verdicts[id], shown.glyphs)
        #expect(!errors.isEmpty && row.contains(errors), "\(row)")
        // b again wraps to A.
        var t = s
        Fixture.keys(&t, .char("b"))
        #expect(t.session?.focusedRun == 0)
        Fixture.keys(&t, .char("B"))
        #expect(t.session?.focusedRun == 1)
    }

    @Test func atEightyColumnsTheHeaderKeepsTheOverallAccuracyWhole() throws {
        let s = Fixture.state(try Fixture.compared(), width: 80, height: 24)
        let header = String(Screen.text(s).split(separator: "\n")[0])
        #expect(header.contains("run A/2") && header.contains("overall acc 71.3%"), "\(header)")
        // Narrower still, the counts give way to the accuracy.
        var narrow = s
        narrow.width = 60
        let line = String(Screen.text(narrow).split(separator: "\n")[0])
        #expect(line.hasSuffix("overall acc 71.3%") && !line.contains("cases"), "\(line)")
    }

    @Test func bracketStepsThroughRunBsFailures() throws {
        var s = try Self.focusedOnB()
        let b = Self.summaries(s, 1)
        let failing = Set(b.indices.filter { b[$0].isFailing })
        var seen = Set<Int>()
        for _ in 0..<failing.count {
            Fixture.keys(&s, .char("]"))
            let id = try #require(s.selectedID)
            #expect(b[id].isFailing, "case \(id) is no failure of B")
            seen.insert(id)
        }
        #expect(seen == failing)
        // A's failures differ: some are passes of B, so ] on A would have stopped on them.
        let a = Self.summaries(s, 0)
        #expect(a.indices.contains { a[$0].isFailing && !b[$0].isFailing })
    }

    @Test func theVerdictFilterAndSortAreRunBs() throws {
        var s = try Self.focusedOnB()
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "filter fail")
        Fixture.keys(&s, .enter)
        let b = Self.summaries(s, 1)
        #expect(s.list.visible == b.indices.filter { b[$0].verdict == .fail })
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "filter clear")
        Fixture.keys(&s, .enter, .char(":"))
        Fixture.type(&s, "sort error")
        Fixture.keys(&s, .enter)
        // Sorted by B's error bits: the cases without an error of B last.
        let clean = s.list.visible.drop { b[$0].errorBits != 0 }
        #expect(clean.allSatisfy { b[$0].errorBits == 0 })
    }

    @Test func theDashboardAndViewsAreRunBs() throws {
        var s = try Self.focusedOnB()
        #expect(s.session?.triage?.run == 1)
        let verdictsB = s.scores!.runs[1].verdicts
        let data = s.data!
        // The users view: B's passes per user.
        let users = Triage.users(data: data, verdicts: verdictsB)
        #expect(s.session?.triage?.users.map(\.pass) == users.map(\.pass))
        Fixture.keys(&s, .char("d"))
        guard case .triage(let t)? = s.overlay else {
            Issue.record("no dashboard")
            return
        }
        // Every scenario row of the dashboard counts B's passes.
        let scenarioRows = t.rows.filter { $0.label.hasPrefix("scenario: ") }
        #expect(!scenarioRows.isEmpty)
        var differsFromA = false
        for row in scenarioRows {
            let cases = try #require(row.cases)
            let passB = cases.filter { verdictsB[$0].overall && verdictsB[$0].format }.count
            let passA = cases.filter { s.scores!.runs[0].verdicts[$0].overall }.count
            let numbers = row.line.plain.split(separator: " ").compactMap { Int($0) }
            #expect(numbers.prefix(2).last == passB, "\(row.line.plain)")
            differsFromA = differsFromA || passA != passB
        }
        #expect(differsFromA)
        #expect(Screen.text(s).contains("run B (b: next run)"))
    }

    @Test func compareChoosesThePairOfRegressionsAndTheMenuNamesIt() throws {
        var s = Fixture.state(try Fixture.compared(), width: 120, height: 40)
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "compare B A")
        Fixture.keys(&s, .enter)
        #expect(s.session?.comparedRuns == RunPair(a: 1, b: 0))
        Fixture.keys(&s, .char("f"))
        #expect(Screen.text(s).contains("regressions: pass in B, fail in A"))
        Fixture.keys(&s, .char(" "), .escape)
        let (a, b) = (Self.summaries(s, 0), Self.summaries(s, 1))
        #expect(!s.list.visible.isEmpty)
        #expect(s.list.visible == a.indices.filter { b[$0].verdict == .pass && a[$0].verdict != .pass })
        // Unknown runs are named with the ones there are; `:compare` alone goes back to A and B.
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "compare A Z")
        Fixture.keys(&s, .enter)
        #expect(s.message?.contains("no run “Z”: A = strong-sim, B = weak-sim") == true)
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "compare")
        Fixture.keys(&s, .enter)
        #expect(s.session?.comparedRuns == RunPair(a: 0, b: 1))
    }

    @Test func runCommandFocusesByNameLetterOrNumber() throws {
        var s = Fixture.state(try Fixture.compared(), width: 120, height: 40)
        for (word, run) in [("weak-sim", 1), ("a", 0), ("2", 1), ("strong-sim", 0)] {
            Fixture.keys(&s, .char(":"))
            Fixture.type(&s, "run \(word)")
            Fixture.keys(&s, .enter)
            #expect(s.session?.focusedRun == run, "run \(word)")
        }
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "run nope")
        Fixture.keys(&s, .enter)
        #expect(s.message == "no run “nope”: A = strong-sim, B = weak-sim")
        // Tab completes the runs.
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "run we")
        Fixture.keys(&s, .tab)
        #expect(s.editor?.line.text == "run weak-sim")
    }

    @Test func withOneRunBSaysThereIsNothingToFocus() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char("b"))
        #expect(s.message?.hasPrefix("one run is loaded") == true)
        #expect(s.session?.focusedRun == 0)
    }
}

/// The case pane at 160 columns or more with several runs: two runs' call diffs side by side.
@Suite("Comparison: side-by-side case view")
struct SideBySideTests {
    static func param(_ name: String, _ predicted: PyValue?, _ status: CallDiff.ParamStatus) -> CallDiff.Param {
        CallDiff.Param(
            name: name, gold: .list([.str("x")]), predicted: predicted, status: status, rule: nil, source: .query)
    }

    @Test func rowsAlignByFunctionAndParameterLeavingBlanksForOneSided() {
        let a = CallDiff(
            goldPlatform: .str("Slack"), predictedPlatform: .str("Slack"), platformMatches: true,
            functions: [
                CallDiff.Function(
                    name: "send", status: .matched,
                    params: [Self.param("to", .str("x"), .match), Self.param("text", .str("hi"), .mismatch)]),
                CallDiff.Function(name: "search", status: .extra, params: [Self.param("q", .str("y"), .extra)]),
            ])
        let b = CallDiff(
            goldPlatform: .str("Slack"), predictedPlatform: .str("Teams"), platformMatches: false,
            functions: [
                CallDiff.Function(
                    name: "send", status: .matched,
                    params: [Self.param("text", .str("hi"), .mismatch), Self.param("cc", .str("z"), .extra)]),
                CallDiff.Function(name: "pin", status: .extra, params: []),
            ])
        let rows = DetailLines.align(a, b).map { row -> String in
            switch row {
            case .function(let name, let fa, let fb):
                return "\(name) \(fa == nil ? "-" : "a") \(fb == nil ? "-" : "b")\(row.differs ? " ≠" : "")"
            case .param(let f, let name, let pa, let pb):
                return "  \(f).\(name) \(pa == nil ? "-" : "a") \(pb == nil ? "-" : "b")\(row.differs ? " ≠" : "")"
            }
        }
        #expect(
            rows == [
                "send a b", "  send.to a - ≠", "  send.text a b", "  send.cc - b ≠", "search a - ≠", "  search.q a - ≠",
                "pin - b ≠",
            ])
    }
}

extension SideBySideTests {
    /// The first case where run B has a function or parameter run A has not, or the other way.
    static func differingCase(_ s: AppState) throws -> Int {
        let data = s.data!
        return try #require(
            data.cases.indices.first { id in
                let d = CaseDetail(
                    data: data, entry: data.cases[id], options: s.session!.options.scorer)
                let rows = DetailLines.align(d.runs[0].diff, d.runs[1].diff)
                let oneSided = rows.contains {
                    if case .param(_, _, let a, let b) = $0 { return (a == nil) != (b == nil) }
                    if case .function(_, let a, let b) = $0 { return (a == nil) != (b == nil) }
                    return false
                }
                return oneSided
                    && rows.contains { if case .param(_, _, let a?, let b?) = $0 { a.status != b.status } else { false } }
            })
    }

    @Test func atTwoHundredColumnsTheCasePaneShowsBothRunsSideBySide() throws {
        var s = Fixture.state(try Fixture.compared(), width: 200, height: 50)
        let id = try Self.differingCase(s)
        let entry = s.data!.cases[id]
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "\(s.data!.splitLetter(entry.split)) \(entry.index)")
        Fixture.keys(&s, .enter, .enter)
        let text = Screen.text(s)
        #expect(text.contains("Runs side by side"))
        #expect(text.contains("Run A strong-sim") && text.contains("Run B weak-sim"))
        goldens.check("compare-side-by-side-200x50", text)
        // Below 160 columns the runs are stacked.
        Fixture.send(&s, .resize(width: 159, height: 50))
        #expect(!Screen.text(s).contains("Runs side by side"))
    }
}
