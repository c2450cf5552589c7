import Foundation
import Testing

/// The line editor in a real terminal: Alt keys as tmux sends them (Esc and the letter in one
/// write), a lone Esc, and the history kept across a restart (in the test's own state folder).
@Suite(
    "ptscope line editor in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct LineEditorEndToEndTests {
    @discardableResult
    func started(_ t: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        try await t.waitUntil("the scored case list", sourceLocation: sourceLocation) { $0.listCounts != nil }
    }

    /// Waits until the status bar is the search prompt showing exactly `line` (█ is the cursor).
    @discardableResult
    func prompt(_ t: TmuxSession, _ line: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        try await t.waitUntil("“/\(line)” in the status bar", sourceLocation: sourceLocation) {
            $0.statusBar.hasPrefix(" /\(line) ")
        }
    }

    @Test("120×40: Alt-b / Alt-f move by words, Alt-Backspace deletes one, a lone Esc cancels at once")
    func altKeysAndALoneEsc() async throws {
        let t = try TmuxSession(width: 120, height: 40)
        try await started(t)
        try t.send("/")
        try await prompt(t, "█")
        try t.type("find the cat")
        try await prompt(t, "find the cat█")
        try t.send("M-b")
        try await prompt(t, "find the █cat")
        try t.send("M-b")
        try await prompt(t, "find █the cat")
        try t.send("M-f")
        try await prompt(t, "find the█ cat")
        try t.send("M-BSpace")
        try await prompt(t, "find █ cat")
        try t.send("M-d")
        try await prompt(t, "find █")

        // An Esc held back for the next key would never close the line: no key follows it here.
        // (How soon a lone Esc is Esc, about 25 ms, is measured without tmux in AltKeyTests.)
        try t.send("Escape")
        let s = try await t.waitUntil("Esc to close the search line") { !$0.statusBar.hasPrefix(" /") }
        #expect(s.mode == "LIST")
        // The Esc came alone: the next key is itself, not Alt.
        try t.send("/")
        try await prompt(t, "█")
    }

    @Test("120×40: a search is in the history after a restart: / then ↑ shows it, ↓ the empty line again")
    func historyAfterARestart() async throws {
        let state = try TemporaryFolder()
        let environment = ["XDG_STATE_HOME": state.path]
        var t = try TmuxSession(width: 120, height: 40, environment: environment)
        try await started(t)
        try t.send("/")
        try await prompt(t, "█")
        try t.type("Zoë")
        try t.send("Enter")
        try await t.waitUntil("the match count") { $0.statusBar.contains("contain “Zoë”") }
        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        let file = state.path + "/ptscope/history.jsonl"
        #expect(
            (try? String(contentsOfFile: file, encoding: .utf8)) == "{\"v\": 1, \"kind\": \"search\", \"line\": \"Zoë\"}\n")
        t.kill()

        t = try TmuxSession(width: 120, height: 40, environment: environment)
        try await started(t)
        try t.send("/")
        try await prompt(t, "█")
        try t.send("Up")
        try await prompt(t, "Zoë█")
        try t.send("Down")
        try await prompt(t, "█")
        try t.send("Up", "Enter")
        try await t.waitUntil("the match count") { $0.statusBar.contains("contain “Zoë”") }
        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        // The repeat is not stored twice.
        #expect(
            (try? String(contentsOfFile: file, encoding: .utf8)) == "{\"v\": 1, \"kind\": \"search\", \"line\": \"Zoë\"}\n")
    }
}
