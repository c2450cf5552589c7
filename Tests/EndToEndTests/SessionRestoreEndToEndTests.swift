import Foundation
import Testing

/// The view is saved on exit and restored when the same data is opened again; `--fresh` starts anew.
@Suite(
    "ptscope session restore in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct SessionRestoreEndToEndTests {
    @discardableResult
    func started(_ t: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        try await t.waitUntil("the scored case list", sourceLocation: sourceLocation) {
            $0.listCounts != nil && $0.overallAccuracy != nil
        }
    }

    @Test("200×50: case T 3 sorted by user is where the next start opens; --fresh opens on the first case unsorted")
    func restoredAfterARestart() async throws {
        let state = try TemporaryFolder()
        let environment = ["XDG_STATE_HOME": state.path]
        var t = try TmuxSession(width: 200, height: 50, environment: environment)
        try await started(t)
        try t.send(":")
        try t.type("T 3")
        try t.send("Enter")
        try await t.waitUntil("case 3 of test_trained_user") { $0.shownCase?.number == 3 }
        try t.send(">")
        try await t.waitUntil("User▲ in the list's header") { $0.contains("User▲") }
        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        let saved = try String(contentsOfFile: state.path + "/ptscope/sessions.json", encoding: .utf8)
        #expect(saved.contains("\"version\" : 1") && saved.contains("\"sort\" : \"user\""), "\(saved)")
        t.kill()

        t = try TmuxSession(width: 200, height: 50, environment: environment)
        var s = try await started(t)
        s = try await t.waitUntil("case T 3 selected, sorted by user") {
            $0.shownCase?.number == 3 && $0.shownCase?.split == "test_trained_user" && $0.contains("User▲")
        }
        #expect(s.statusBar.contains("restored case T 3"), "\(s.framed)")
        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        t.kill()

        t = try TmuxSession(width: 200, height: 50, arguments: ["--fresh"], environment: environment)
        s = try await started(t)
        s = try await t.waitUntil("the first case (0) of the untrained users") {
            $0.shownCase?.number == 0 && $0.shownCase?.split == "test_untrained_user"
        }
        #expect(!s.contains("User▲") && !s.statusBar.contains("restored"), "\(s.framed)")
    }
}
