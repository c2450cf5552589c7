import Evaluator
import Explorer
import Foundation
import TUICore
import Testing

/// Re-scoring, options, reload, export and run comparison, through keys and the reducer.
@Suite("Triage actions")
struct TriageActionTests {
    @Test func rescoreRunsTheEvaluatorAgain() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        let request = s.session!.scoreRequest
        #expect(Reducer.reduce(&s, .key(.char("s"))) == [.score(request: request + 1)])
        #expect(s.session?.scoring != nil)
        Fixture.send(&s, .command(.rescore))
        #expect(s.session?.scoring == nil)
        #expect(s.list.counts?.pass == 107)
    }

    @Test func lenientOptionRescoresAndKeepsTheReferenceBeside() throws {
        var s = Fixture.state(try Fixture.sample("weak-sim"), width: 120, height: 40)
        let reference = try #require(s.scores?.report)
        Fixture.keys(&s, .char("o"))
        #expect(s.overlay == .options(cursor: 0))
        Fixture.keys(&s, .char(" "))
        #expect(s.session!.options.scorer.lenient)
        let result = try #require(s.scores?.result)
        #expect(result.reports[0].lenient)
        let ref = try #require(result.referenceReports?.first)
        #expect(!ref.lenient)
        // The reference reading is PTBench's, unchanged by the option.
        #expect(ref.splits.map { $0.accuracy[.overall] ?? nil } == reference.splits.map { $0.accuracy[.overall] ?? nil })
        // The weak model wraps calls in prose and fences: lenient reads more of them.
        #expect(
            (result.reports[0].splits.reduce(0) { $0 + $1.formatFailures }) < (ref.splits.reduce(0) { $0 + $1.formatFailures }))
        Fixture.keys(&s, .escape)
        #expect(Screen.text(s).contains("LENIENT"))
    }

    @Test func exportWritesTheListedCasesAsJSONLinesAndCSV() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char("f"), .char("j"), .char(" "), .escape)  // fail only
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["cases.jsonl", "cases.csv"] {
            Fixture.keys(&s, .char("x"))
            #expect(s.editor?.line.text == "ptscope-export.jsonl")
            Fixture.keys(&s, .ctrl("u"))
            Fixture.type(&s, dir.appendingPathComponent(name).path)
            Fixture.keys(&s, .enter)
            #expect(s.message?.hasPrefix("wrote 34 cases") == true, "\(s.message ?? "")")
        }
        let jsonl = try String(contentsOf: dir.appendingPathComponent("cases.jsonl"), encoding: .utf8)
        let lines = jsonl.split(separator: "\n")
        #expect(lines.count == 34)
        for line in lines {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(o["verdict"] as? String == "fail")
            #expect(o["overall"] as? Bool == false && o["format"] as? Bool == true)
            #expect((o["diagnosis"] as? [Any])?.isEmpty == false)
        }
        let csv = try String(contentsOf: dir.appendingPathComponent("cases.csv"), encoding: .utf8)
        // The nine columns it always had come first (more follow: see ExportTests).
        #expect(csv.hasPrefix("split,index,user,scenario,gold_platform,run,verdict,error_columns,diagnosis,"))
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 35)
    }

    @Test func anUnwritablePathIsReportedNotFatal() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char("x"), .ctrl("u"))
        Fixture.type(&s, "/nonexistent-folder/x.jsonl")
        Fixture.keys(&s, .enter)
        #expect(s.message == "cannot write x.jsonl: the folder /nonexistent-folder does not exist")
    }

    @Test func reloadKeepsTheSelectionAndRescores() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char("]"), .char("]"))
        let id = s.selectedID
        #expect(Reducer.reduce(&s, .key(.char("R"))) == [.reload])
        Fixture.send(&s, .command(.reload))
        #expect(s.selectedID == id)
        #expect(s.scores?.primary.verdicts.count == 150)
    }

    @Test func twoRunsShowBothVerdictsAndFilterRegressions() throws {
        let data = try Fixture.compared()
        var s = Fixture.state(data, width: 120, height: 40)
        #expect((s.scores?.runs.map(\.verdicts) ?? []).count == 2)
        let text = Screen.text(s)
        #expect(text.contains(" AB  Error"))
        Fixture.keys(&s, .char("f"))
        guard case .filter(let menu)? = s.overlay else { return }
        #expect(menu.items[menu.cursor.index] == .comparison(.regressed))
        Fixture.keys(&s, .char(" "), .escape)
        #expect(!s.list.visible.isEmpty)
        for id in s.list.visible {
            #expect(s.scores!.runs.map(\.summaries)[0][id].verdict == .pass)
            #expect(s.scores!.runs.map(\.summaries)[1][id].verdict != .pass)
        }
        let expected = (0..<150).filter {
            s.scores!.runs.map(\.summaries)[0][$0].verdict == .pass && s.scores!.runs.map(\.summaries)[1][$0].verdict != .pass
        }
        #expect(s.list.visible == expected)
        #expect(Screen.text(s).contains("filter: regressions"))
        Fixture.keys(&s, .enter)
        let detail = Screen.text(s)
        #expect(detail.contains("Run A strong-sim") && detail.contains("Run B weak-sim"))
        goldens.check("compare-120x40", Screen.text(s))
    }
}
