import Foundation
import Testing

/// The sample's one annotations journal, in a real terminal: an edit made with one simulated model
/// is there when the sample is opened with the other.
@Suite(
    "ptscope shared journal in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct SharedJournalEndToEndTests {
    @Test("120×40: C confirms a case with model strong-sim; opened with weak-sim, the case pane shows it confirmed")
    func oneJournalForBothModels() async throws {
        let tmp = try TemporaryFolder()
        let environment = ["XDG_DATA_HOME": tmp.path]
        let a = try TmuxSession(width: 120, height: 40, arguments: ["--model", "strong-sim"], environment: environment)
        var s = try await a.waitUntil("the scored case list") { $0.listCounts != nil && $0.shownCase != nil }
        let shown = try #require(s.shownCase)
        try a.send("C")
        s = try await a.waitUntil("C to save #1") { $0.statusBar.contains("saved #1") }
        #expect(s.contains("annotation: confirmed"), "\(s.framed)")
        try a.send("q")
        #expect(try await a.waitForExit() == 0)
        let journal = tmp.path + "/ptscope/sample-annotations.jsonl"
        let lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains(#""status": "confirmed""#), "\(lines)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: tmp.path + "/ptscope").filter { $0.hasSuffix(".jsonl") }
                == ["sample-annotations.jsonl"], "one journal, not one per model")

        let b = try TmuxSession(width: 120, height: 40, arguments: ["--model", "weak-sim"], environment: environment)
        s = try await b.waitUntil("the same case, confirmed, with weak-sim") {
            $0.shownCase.map { $0 == shown } == true && $0.contains("annotation: confirmed")
        }
        #expect(s.contains("weak-sim"), "the other model is open:\n\(s.framed)")
        try b.send("q")
        #expect(try await b.waitForExit() == 0)
    }
}
