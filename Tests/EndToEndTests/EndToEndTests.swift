import Foundation
import Testing

/// The built `ptscope` (no arguments: the bundled sample, 150 cases) in a private tmux server per
/// test, so the tests run in parallel. Every key is followed by a wait for the screen it should
/// produce.
@Suite(
    "ptscope in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct EndToEndTests {
    /// Waits for the first screen with the scored list title ("Cases 150/150  ✓ …").
    @discardableResult
    func started(_ t: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        let s = try await t.waitUntil("the scored case list", sourceLocation: sourceLocation) { $0.listCounts != nil }
        #expect(s.mode == "LIST", sourceLocation: sourceLocation)
        #expect(
            try t.format("#{alternate_on}") == "1", "ptscope should draw on the alternate screen", sourceLocation: sourceLocation)
        return s
    }

    @Test("200×50: three panes, ] walks the failing cases, q exits 0 and restores the terminal")
    func threePanesNextFailureQuit() async throws {
        let t = try TmuxSession(width: 200, height: 50)
        var s = try await t.waitFor("✓ 107")
        #expect(s.listCounts.map { [$0.shown, $0.total, $0.pass, $0.fail, $0.format] } == [150, 150, 107, 34, 9])
        #expect(s.hasPane("Cases"))
        #expect(s.hasPane("Case"))
        #expect(s.hasPane("Tool catalog"))
        #expect(s.mode == "LIST")
        #expect(s.statusBar.contains("] next fail"))
        let rows = s.listRows
        #expect(s.listSelection?.number == rows.first?.number)
        #expect(s.shownCase?.number == rows.first?.number)
        let failing = rows.filter(\.failing)
        try #require(failing.count >= 2, "the first screen should show two failing cases:\n\(s.framed)")

        for expected in failing.prefix(2) {
            try t.send("]")
            s = try await t.waitUntil("] to select case \(expected.number)") {
                $0.shownCase?.number == expected.number && $0.listSelection?.number == expected.number
            }
            let verdict = expected.verdict == "!" ? "! format failure" : "✗ fail"
            #expect(s.shownVerdict == verdict, "the case pane should show “\(verdict)”:\n\(s.framed)")
            #expect(s.mode == "LIST")
        }

        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        try t.expectTerminalRestored()
    }

    @Test("120×40: / types a search, Enter reports the matches, n moves to the next one, Esc clears")
    func search() async throws {
        let t = try TmuxSession(width: 120, height: 40)
        var s = try await started(t)
        #expect(s.listRows.allSatisfy { !$0.marked })

        try t.send("/")
        s = try await t.waitUntil("the search prompt in the status bar") { $0.statusBar.hasPrefix(" /█") }
        var typed = ""
        for ch in "Zoë" {
            typed.append(ch)
            try t.type(String(ch))
            s = try await t.waitUntil("“/\(typed)” in the status bar") { $0.statusBar.hasPrefix(" /\(typed)█") }
        }
        try t.send("q")  // shortcuts are suspended while typing: q is text
        typed.append("q")
        s = try await t.waitUntil("“/\(typed)” in the status bar") { $0.statusBar.hasPrefix(" /\(typed)█") }
        try t.send("BSpace")
        typed.removeLast()
        s = try await t.waitUntil("“/\(typed)” in the status bar") { $0.statusBar.hasPrefix(" /\(typed)█") }

        try t.send("Enter")
        s = try await t.waitUntil("the match count") { $0.statusBar.contains("cases contain “Zoë”") }
        let count = try #require(s.statusBar.firstMatch(of: #/(\d+) cases contain “Zoë”/#).flatMap { Int($0.1) })
        #expect(count > 0)
        #expect(s.statusBar.contains("/Zoë 1/\(count)"), "the selected case is the first of the matches")
        #expect(s.mode == "LIST")
        let marked = s.listRows.filter(\.marked)
        try #require(marked.count >= 2, "the matches should be marked • in the list:\n\(s.framed)")
        #expect(s.shownCase?.number == marked[0].number, "Enter jumps to the first match")
        #expect(s.listSelection?.number == marked[0].number)

        try t.send("n")
        s = try await t.waitUntil("n to select the next match, case \(marked[1].number)") {
            $0.shownCase?.number == marked[1].number && $0.listSelection?.number == marked[1].number
        }
        #expect(s.statusBar.contains("/Zoë 2/\(count)"))

        try t.send("Escape")
        s = try await t.waitUntil("Esc to clear the search") { $0.statusBar.contains("search cleared") }
        #expect(!s.statusBar.contains("/Zoë"))
        #expect(s.listRows.allSatisfy { !$0.marked })
        #expect(s.shownCase?.number == marked[1].number, "clearing the search keeps the selection")
    }

    @Test("120×40: the filter menu selects the failing cases; Esc closes it, the status bar keeps the filter")
    func filterFailing() async throws {
        let t = try TmuxSession(width: 120, height: 40)
        var s = try await started(t)
        let counts = try #require(s.listCounts)

        try t.send("f")
        s = try await t.waitUntil("the filter menu") { $0.mode == "FILTER" }
        #expect(s.contains("Filter  \(counts.total)/\(counts.total) cases shown"))
        #expect(s.contains("[ ] fail  \(counts.fail)"))
        #expect(s.isHighlighted("] pass ") == true, "the menu cursor starts on “pass”:\n\(s.framed)")

        try t.send("j")
        s = try await t.waitUntil("j to move the menu cursor to “fail”") {
            $0.isHighlighted("] fail ") == true && $0.isHighlighted("] pass ") == false
        }

        try t.send("Space")
        s = try await t.waitUntil("Space to select “fail”") { $0.contains("[x] fail") }
        #expect(s.contains("Filter  \(counts.fail)/\(counts.total) cases shown"))
        #expect(s.mode == "FILTER")
        #expect(s.statusBar.contains("filter: fail"))

        try t.send("Escape")
        s = try await t.waitUntil("Esc to close the filter menu") { $0.mode == "LIST" }
        #expect(!s.contains("cases shown"))
        #expect(s.statusBar.contains("filter: fail"))
        #expect(
            s.listCounts.map { [$0.shown, $0.total, $0.pass, $0.fail, $0.format] } == [
                counts.fail, counts.total, 0, counts.fail, 0,
            ])
        let rows = s.listRows
        #expect(!rows.isEmpty && rows.allSatisfy { $0.verdict == "✗" }, "only failing cases should be listed:\n\(s.framed)")
        #expect(s.shownVerdict == "✗ fail")
    }

    @Test("120×40: ? opens the help overlay from the keymap, Esc closes it")
    func help() async throws {
        let t = try TmuxSession(width: 120, height: 40)
        var s = try await started(t)

        try t.send("?")
        s = try await t.waitUntil("the help overlay") { $0.contains("Help — every key") }
        #expect(s.mode == "HELP")
        #expect(s.contains("Everywhere"))
        #expect(s.contains("next failing case"))

        try t.send("Escape")
        s = try await t.waitUntil("Esc to close the help") { !$0.contains("Help — every key") }
        #expect(s.mode == "LIST")
        #expect(s.hasPane("Cases") && s.hasPane("Case"))
    }

    @Test("resize: 120×40 → 60×15 still usable → 59×14, 59×15, 60×14 too small → 120×40 panes back; q exits 0")
    func resize() async throws {
        let t = try TmuxSession(width: 120, height: 40)
        var s = try await started(t)
        #expect(s.hasPane("Cases") && s.hasPane("Case") && !s.hasPane("Tool catalog"), "two panes at 120 columns:\n\(s.framed)")
        let rows = s.listRows
        try #require(rows.count >= 2)

        try t.resize(60, 15)
        s = try await t.waitUntil("one pane at 60×15") { $0.mode == "LIST" && $0.hasPane("Cases") && !$0.hasPane("Case") }
        #expect(!s.contains("terminal too small"))
        #expect(s.listSelection?.number == rows[0].number)

        try t.send("j")
        s = try await t.waitUntil("j to move the selection at 60×15") { $0.listSelection?.number == rows[1].number }

        for (w, h) in [(59, 14), (59, 15), (60, 14)] {
            try t.resize(w, h)
            s = try await t.waitUntil("the too-small notice at \(w)×\(h)") { $0.contains("have \(w)×\(h)") }
            #expect(s.contains("terminal too small"))
            #expect(s.contains("needs 60×15"))
            #expect(!s.contains("┌─ Cases"))
        }

        try t.resize(120, 40)
        s = try await t.waitUntil("both panes back at 120×40") {
            $0.mode == "LIST" && $0.hasPane("Cases") && $0.hasPane("Case")
        }
        #expect(!s.contains("terminal too small"))
        #expect(s.shownCase?.number == rows[1].number, "the selection survives the resizes")
        #expect(s.listSelection?.number == rows[1].number)

        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        try t.expectTerminalRestored()
    }

    @Test("Ctrl-C quits with status 130 (128 + SIGINT) and restores the terminal")
    func ctrlC() async throws {
        let t = try TmuxSession(width: 100, height: 30)
        try await started(t)

        try t.send("C-c")
        #expect(try await t.waitForExit() == 130)
        try t.expectTerminalRestored()
    }

    @Test("80×24: one pane; Enter opens the case, Tab the tool catalog; q exits 0")
    func narrow() async throws {
        let t = try TmuxSession(width: 80, height: 24)
        var s = try await started(t)
        #expect(
            s.hasPane("Cases") && !s.hasPane("Case") && !s.hasPane("Tool catalog"), "only the list at 80 columns:\n\(s.framed)")
        let first = try #require(s.listRows.first)

        try t.send("Enter")
        s = try await t.waitUntil("Enter to open the case pane") { $0.mode == "CASE" }
        #expect(s.hasPane("Case") && !s.hasPane("Cases") && !s.hasPane("Tool catalog"))
        #expect(s.shownCase?.number == first.number)

        try t.send("Tab")
        s = try await t.waitUntil("Tab to focus the context pane") { $0.mode == "CATALOG" }
        #expect(s.hasPane("Tool catalog") && !s.hasPane("Case") && !s.hasPane("Cases"))

        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        try t.expectTerminalRestored()
    }
}
