import Foundation
import Testing

/// `y` (OSC 52 into tmux's buffer), `v` (the terminal handed to less and taken back) and Alt-E
/// (a note written in `$EDITOR`) in a real terminal.
@Suite(
    "ptscope getting things out in tmux",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct GettingOutEndToEndTests {
    @discardableResult
    func started(_ t: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        // And the case pane built: `v` and `e` need its text (a scoring throws the pane away and
        // builds it again, and a "building…" frame would otherwise do).
        try await t.waitUntil("the scored case list and the case pane built", sourceLocation: sourceLocation) {
            $0.listCounts != nil && $0.overallAccuracy != nil && $0.shownVerdict != nil
        }
    }

    /// A folder of its own for the test's scripts (removed with the test's process).
    func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-outs-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("160×40, set-clipboard on: y puts the predicted call into tmux's buffer through OSC 52")
    func copyIntoTmuxBuffer() async throws {
        let t = try TmuxSession(width: 160, height: 40)
        try t.command("set-option", "-g", "set-clipboard", "on")
        try await started(t)
        try t.send("y")
        let s = try await t.waitFor("copied the predicted call")
        #expect(s.statusBar.contains("(69 bytes); tmux needs set-clipboard on"), "the tmux hint:\n\(s.framed)")
        let buffer = try t.command("show-buffer")
        #expect(buffer == "Teams: [set_status(status='out_of_office', until='2025-06-24 09:00')]", "\(buffer)")
        // Y: the prediction as the model wrote it, replacing the buffer's top.
        try t.send("Y")
        try await t.waitFor("copied the raw prediction")
        #expect(try t.command("show-buffer") == "Teams:[set_status(status='out_of_office',until='2025-06-24 09:00')]")
    }

    @Test("120×40: v hands the terminal to less -R with the case pane's text, q gives it back, keys work, modes right")
    func pagerHandOverAndRestore() async throws {
        let less = try #require(TmuxSession.findExecutable("less"), "less is not installed")
        let t = try TmuxSession(
            width: 120, height: 40, environment: ["PAGER": "\(less) -R", "LESS": "", "LESSHISTFILE": "-"])
        try await started(t)
        try t.send("Enter")  // the case pane
        try t.send("v")
        let paged = try await t.waitUntil("less showing the case pane's text (no ptscope frame)") {
            $0.contains("Case 0 · test_untrained_user · data.json line 2") && !$0.contains("┌─")
        }
        #expect(paged.contains("Prediction (raw text)"), "\(paged.framed)")
        // Ctrl-C is the pager's (less ignores it at its prompt), not a reason for ptscope to end.
        try t.send("C-c")
        try await Task.sleep(for: .milliseconds(1200))
        try t.send("q")
        let back = try await t.waitUntil("the explorer drawn again") { $0.mode == "CASE" && $0.contains("┌─") }
        #expect(back.shownCase?.number == 0, "\(back.framed)")
        // Curses mode again: no echo, no line mode, the alternate screen, the cursor hidden.
        let modes = try t.ttyModes()
        #expect(!modes.echo && !modes.canonical, "the terminal is not in curses mode after the pager")
        #expect(try t.format("#{alternate_on}") == "1")
        #expect(try t.format("#{cursor_flag}") == "0", "the cursor is visible after the pager")
        try t.send("h")
        try t.send("j")
        try await t.waitUntil("case 1 in the case pane after j") { $0.shownCase?.number == 1 }
        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        try t.expectTerminalRestored()
    }

    @Test("100×30, job control: Ctrl-Z in the pager stops both, fg resumes the pager, q returns to the explorer")
    func ctrlZInThePager() async throws {
        let less = try #require(TmuxSession.findExecutable("less"), "less is not installed")
        let t = try TmuxSession(
            width: 100, height: 30, interactiveShell: true,
            environment: ["PAGER": "\(less) -R", "LESS": "", "LESSHISTFILE": "-"])
        try await started(t)
        try t.send("v")
        try await t.waitUntil("less showing the case pane's text") { $0.contains("Case 0 · ") && !$0.contains("┌─") }
        try t.send("C-z")
        // The job stopped: the shell has the terminal again. (Its "Stopped" report usually shows;
        // on a loaded machine it can be lost with the pager's screen, so the test asks tmux which
        // process the terminal belongs to.)
        try await t.waitUntil("the shell in the foreground again") { _ in
            try t.format("#{pane_current_command}") == "bash"
        }
        // Type fg once the shell shows it (keys typed while bash is still taking the terminal back
        // can be dropped on a loaded machine: type it again then), then Enter.
        var typed = false
        for _ in 0..<3 where !typed {
            try t.send("C-u")
            try t.type("fg")
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(3)
            while !typed && clock.now < deadline {
                let last = try t.screen.lines.last { !$0.isEmpty }?.trimmingCharacters(in: .whitespaces)
                typed = last == "$ fg" || last == "fg"
                if !typed { try await Task.sleep(for: .milliseconds(50)) }
            }
        }
        #expect(typed, "the shell never showed fg at its prompt")
        try t.send("Enter")
        try await t.waitUntil("less again after fg") { $0.contains("Case 0 · ") && !$0.contains("┌─") }
        try t.send("q")
        let back = try await t.waitUntil("the explorer drawn again") { $0.mode == "LIST" && $0.contains("┌─") }
        #expect(back.listSelection?.number == 0, "\(back.framed)")
        try t.send("j")
        try await t.waitUntil("j moves after the pager") { $0.listSelection?.number == 1 }
        #expect(try t.format("#{alternate_on}") == "1")
        let modes = try t.ttyModes()
        #expect(!modes.echo && !modes.canonical, "the terminal is not in curses mode after the pager")
    }

    @Test("120×40: SIGTERM while the pager runs ends the pager and ptscope (143), the terminal restored")
    func sigtermWhileThePagerRuns() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pager = dir.appendingPathComponent("pager")
        try "#!/bin/sh\necho $$ > '\(dir.path)/pid'\necho PAGER-RUNNING\nexec sleep 30\n".write(
            to: pager, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: pager.path)
        // Run by /bin/sh rather than exec'd: a script just written can be "Text file busy" for exec
        // while another test's fork still holds the written file's descriptor.
        let t = try TmuxSession(width: 120, height: 40, environment: ["PAGER": "/bin/sh \(pager.path)"])
        try await started(t)
        try t.send("v")
        try await t.waitFor("PAGER-RUNNING")
        let sent = Date()
        try t.signal(SIGTERM)
        #expect(try await t.waitForExit() == 143)
        // Until ptscope ended as the wrapper shell saw it: this poller may be starved of CPU while
        // the rest of the suite runs, and would count that too (it once read 5.96 s in a full run).
        let seconds = try t.exitedAt.timeIntervalSince(sent)
        #expect(seconds < 5, "ptscope took \(seconds) s to end")
        try t.expectTerminalRestored(allowing: { $0.contains("PAGER-RUNNING") || $0 == "Terminated" })
        // The pager was ended too, not left behind holding the terminal.
        let pid = try #require(
            pid_t(
                try String(contentsOf: dir.appendingPathComponent("pid"), encoding: .utf8).trimmingCharacters(
                    in: .whitespacesAndNewlines)))
        var alive = true
        for _ in 0..<100 where alive {
            alive = kill(pid, 0) == 0
            if alive { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(!alive, "the pager (pid \(pid)) is still running")
    }

    @Test("120×40: Alt-E in a note opens $EDITOR on it; what the editor wrote comes back into the line")
    func noteFromTheEditor() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let editor = dir.appendingPathComponent("editor")
        let script = "#!/bin/sh\ncat \"$1\" > '\(dir.path)/given'\nprintf 'written in the editor\\nsecond line\\n' > \"$1\"\n"
        try script.write(to: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor.path)
        let t = try TmuxSession(width: 120, height: 40, environment: ["EDITOR": "/bin/sh \(editor.path)", "VISUAL": ""])
        try await started(t)
        try t.send("m")
        try t.type("draft")
        try await t.waitFor(":note draft")
        try t.send("M-e")
        try await t.waitFor(":note written in the editor second line")
        #expect(try String(contentsOf: dir.appendingPathComponent("given"), encoding: .utf8) == "draft\n")
        try t.send("Enter")
        // The case pane is built again with the note (a "building…" frame may come between).
        let s = try await t.waitUntil("the note in the case pane, the list back") {
            $0.mode == "LIST" && $0.shownVerdict != nil && $0.contains("written in the editor second line")
        }
        #expect(s.contains("note") && s.contains("written in the editor second line"), "\(s.framed)")
    }
}
