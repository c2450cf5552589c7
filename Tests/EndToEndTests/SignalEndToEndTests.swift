import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Signals sent to a running explorer (the bundled sample) in tmux: every fatal signal restores
/// the terminal and ends ptscope with the shell's 128 + n at once; Ctrl-Z suspends (terminal
/// restored while stopped) and `fg` redraws; the handlers survive a resume and a resize.
@Suite(
    "ptscope in tmux: signals",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3)),
    // One ptscope at a time: the 2 s bound is on ptscope's exit, not on eleven of them at once
    // competing with the rest of the suite for two cores (in parallel they took 2.0–2.15 s).
    .serialized
)
struct SignalEndToEndTests {
    /// What may be on the normal screen after a fatal signal besides `EXIT:`: ptscope's one-line
    /// report on stderr (a `kill` produces no backtrace) and the shell's own note of the signal
    /// ("Segmentation fault", "Quit"…, with "(core dumped)" where a core was written).
    static func report(_ signal: Int32) -> (String) -> Bool {
        let name = String(cString: strsignal(signal))
        return { line in
            let line = line.trimmingCharacters(in: .whitespaces)
            return line.hasPrefix("ptscope: ") || line == name || line == name + " (core dumped)"
        }
    }

    /// Waits for the scored list of the sample, its case pane built (a later redraw is compared
    /// with this screen, so it must not be a "building…" frame).
    @discardableResult
    func started(_ t: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Screen {
        try await t.waitUntil("the scored case list", sourceLocation: sourceLocation) {
            $0.listCounts != nil && !$0.contains("building…")
        }
    }

    /// Sends `signal` and returns the status and how long the exit took.
    func kill(_ t: TmuxSession, _ signal: Int32, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (
        status: Int32, seconds: Double
    ) {
        let sent = Date()
        try t.signal(signal, sourceLocation: sourceLocation)
        let status = try await t.waitForExit(sourceLocation: sourceLocation)
        // Until ptscope ended, as the wrapper shell saw it: this test's poller may be starved of CPU
        // while the rest of the suite runs, and would count that too.
        return (status, try t.exitedAt.timeIntervalSince(sent))
    }

    @Test(
        "a fatal signal restores the terminal and ends ptscope with 128 + n in under 2 s",
        arguments: [SIGQUIT, SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS, SIGHUP, SIGTERM, SIGINT])
    func fatalSignal(_ signal: Int32) async throws {
        let t = try TmuxSession(width: 100, height: 30)
        try await started(t)
        let (status, seconds) = try await kill(t, signal)
        #expect(status == 128 + signal, "signal \(signal): the shell should report \(128 + signal)")
        #expect(seconds < 2, "signal \(signal): ptscope took \(seconds) s to end")
        try t.expectTerminalRestored(allowing: Self.report(signal))
    }

    @Test("after SIGSTOP and SIGCONT and a resize the handlers are still there: SIGSEGV restores and ends with 139")
    func stopContinueResizeThenCrash() async throws {
        // SIGSTOP, not SIGTSTP: the wrapper's process group is orphaned (no job control), where the
        // kernel discards a terminal stop; Ctrl-Z is tested under an interactive shell below.
        let t = try TmuxSession(width: 100, height: 30)
        let before = try await started(t)
        try t.signal(SIGSTOP)
        // Something else writes to the terminal while ptscope is stopped: only the full redraw
        // that SIGCONT asks for (the screen cleared first) takes it away.
        let tty = try #require(FileHandle(forWritingAtPath: try t.format("#{pane_tty}")))
        tty.write(Data("\u{1B}[5;5HWRITTEN-WHILE-STOPPED".utf8))
        try tty.close()
        try await t.waitUntil("the text written while stopped") { $0.contains("WRITTEN-WHILE-STOPPED") }
        try t.signal(SIGCONT)
        try await t.waitUntil("the explorer redrawn whole after SIGCONT") { $0 == before }
        #expect(try t.format("#{alternate_on}") == "1")

        try t.resize(80, 24)
        try await t.waitUntil("the redraw at 80×24") { $0.listCounts != nil && $0.lines.count == 24 }

        let (status, seconds) = try await kill(t, SIGSEGV)
        #expect(status == 128 + SIGSEGV, "the SIGSEGV handler is still installed after a resume and a resize")
        #expect(seconds < 2, "ptscope took \(seconds) s to end")
        try t.expectTerminalRestored(allowing: Self.report(SIGSEGV))
    }

    @Test("Ctrl-Z stops ptscope with the terminal restored; fg redraws it whole; after a resize SIGSEGV still restores")
    func ctrlZThenFg() async throws {
        let t = try TmuxSession(width: 100, height: 30, interactiveShell: true)
        let before = try await started(t)

        try t.send("C-z")
        try await t.waitUntil("the shell's job report and prompt") { s in
            s.contains("Stopped") && s.lines.last { !$0.isEmpty }?.trimmingCharacters(in: .whitespaces) == "$"
        }
        #expect(try t.format("#{alternate_on}") == "0", "the alternate screen is off while stopped")
        #expect(try t.format("#{cursor_flag}") == "1", "the cursor is visible while stopped")
        #expect(try t.format("#{keypad_flag}#{keypad_cursor_flag}") == "00", "the keypad is out of application mode")

        try t.type("fg")
        try t.send("Enter")
        // The alternate screen comes back empty: only a full redraw shows the explorer again.
        try await t.waitUntil("fg to redraw the whole explorer") { $0 == before }
        #expect(try t.format("#{alternate_on}") == "1")
        try t.send("j")
        try await t.waitUntil("j to move after the resume") { $0.listSelection?.number != before.listSelection?.number }

        try t.resize(80, 24)
        try await t.waitUntil("the redraw at 80×24") { $0.listCounts != nil && $0.lines.count == 24 }
        let sent = Date()
        try t.signal(SIGSEGV)
        try await t.waitUntil("the shell's prompt after the crash") { s in
            s.lines.last { !$0.isEmpty }?.trimmingCharacters(in: .whitespaces) == "$"
        }
        // Until the shell's prompt as the shell itself timed it (this poller may be starved).
        let seconds = try t.promptedAt.timeIntervalSince(sent)
        #expect(seconds < 2, "ptscope took \(seconds) s to end")
        try t.type("echo EXIT:$?")
        try t.send("Enter")
        #expect(try await t.waitForExit() == 128 + SIGSEGV)
        #expect(try t.format("#{alternate_on}") == "0")
        #expect(try t.format("#{cursor_flag}") == "1")
        #expect(try t.format("#{keypad_flag}#{keypad_cursor_flag}") == "00")
    }
}

// MARK: - A real crash

/// ptscope crashing for real (`PTSCOPE_TEST_CRASH`, after its first frame), so the fatal handler
/// sees a fault of its own process and hands it to the Swift runtime's backtracer. One at a time:
/// the backtracer's symbolication is heavy, and the time limit is the point.
@Suite(
    "ptscope in tmux: a real crash",
    .serialized,
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct CrashEndToEndTests {
    /// Starts the sample with `PTSCOPE_TEST_CRASH=<crash>`: ptscope crashes for real after its
    /// first frame. Returns once the crash's report (the terminal restored) is on the screen.
    func crashed(_ crash: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (TmuxSession, Date) {
        // Tall enough for the whole backtrace.
        let t = try TmuxSession(width: 160, height: 200, environment: ["PTSCOPE_TEST_CRASH": crash])
        try await t.waitUntil("ptscope's crash report", sourceLocation: sourceLocation) {
            $0.contains(": crashed; the terminal was restored")
        }
        return (t, Date())
    }

    /// After a real crash: the terminal is back, the status is the crash's signal, the end came
    /// less than 15 s after the crash, and the Swift runtime's backtrace is on the restored screen.
    ///
    /// The bound catches the backtracer's interactive prompt, which would wait 30 s for a key (stdin
    /// is /dev/null for it); the backtrace itself symbolicates the 107 MB debug binary, 1–4 s alone
    /// and 6.3 s once in a full suite on two cores, so the bound is not much tighter than that.
    func expectCrashReported(
        _ t: TmuxSession, _ signal: Int32, since start: Date, within limit: Duration = .seconds(15),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        // Waited for past the bound, so that a slow end fails the bound, not the wait.
        let status = try await t.waitForExit(timeout: limit + .seconds(10), sourceLocation: sourceLocation)
        // Until ptscope ended as the wrapper shell timed it (this poller may be starved).
        let elapsed = Duration.milliseconds(Int(try t.exitedAt.timeIntervalSince(start) * 1000))
        #expect(status == 128 + signal, "the shell should report \(128 + signal)", sourceLocation: sourceLocation)
        #expect(elapsed < limit, "ptscope ended \(elapsed) after the crash", sourceLocation: sourceLocation)
        let screen = try t.screen
        #expect(
            screen.contains("Thread 0 crashed") || screen.contains("crashed:"),
            "the Swift runtime's backtrace is on the restored screen:\n\(screen.framed)", sourceLocation: sourceLocation)
        #expect(screen.contains("Backtrace took"), "the backtrace ran to its end", sourceLocation: sourceLocation)
        let took = screen.lines.firstIndex { $0.contains("Backtrace took") }
        let exit = screen.lines.firstIndex { $0.hasPrefix("EXIT:") }
        #expect(
            took.map { took in exit.map { took < $0 } ?? false } ?? false,
            "ptscope ended after the backtrace, not while the backtracer still wrote:\n\(screen.framed)",
            sourceLocation: sourceLocation)
        let explorer = ["ptscope sample", "┌─ Cases", "┌─ Case ", "Enter open", "overall acc"]
        #expect(
            !explorer.contains { screen.contains($0) },
            "nothing of the explorer's frames is on the restored screen:\n\(screen.framed)",
            sourceLocation: sourceLocation)
        try t.expectTerminalRestored(allowing: { !$0.hasPrefix("EXIT:") }, sourceLocation: sourceLocation)
    }

    @Test("a real crash (a bad pointer on the input thread) restores the terminal, shows the backtrace and ends with 139")
    func realSegmentationFault() async throws {
        let (t, start) = try await crashed("segv")
        try await expectCrashReported(t, SIGSEGV, since: start)
    }

    @Test("a Swift runtime trap (fatalError) restores the terminal, shows the backtrace and ends with 132")
    func realTrap() async throws {
        let (t, start) = try await crashed("trap")
        try await expectCrashReported(t, SIGILL, since: start)
    }

    @Test("a stack overflow on the detail builder's thread restores the terminal and ends with 139")
    func stackOverflowOnAWorkerThread() async throws {
        let (t, start) = try await crashed("worker-overflow")
        // The runtime's backtracer symbolicates the deep stack in the 107 MB debug binary (with
        // SwiftNIO and AsyncHTTPClient since `ptscope run`): "Backtrace took 4.07s" alone on this
        // machine. The terminal is restored before it starts (checked below).
        try await expectCrashReported(t, SIGSEGV, since: start, within: .seconds(20))
    }

    @Test(
        "a stack overflow on a worker while the input thread draws frame after frame: no frame lands on the restored screen, and ptscope ends after the backtrace"
    )
    func stackOverflowWhileDrawing() async throws {
        // Before curses' output was silenced first thing in the fatal handler, a frame being
        // written to a slow terminal (tmux under load) went on after the terminal was restored,
        // and ptscope sometimes ended with the backtrace half written (3 of 11 runs under load).
        let (t, start) = try await crashed("worker-overflow-while-drawing")
        try await expectCrashReported(t, SIGSEGV, since: start, within: .seconds(20))
    }

    @Test("Ctrl-C (twice) while the backtracer runs changes nothing: the status stays the crash's")
    func interruptDuringTheBacktrace() async throws {
        let t = try TmuxSession(width: 160, height: 200, environment: ["PTSCOPE_TEST_CRASH": "segv"])
        let shell = try #require(pid_t(try t.format("#{pane_pid}")), "the pane's shell has no pid")
        // The backtracer at work is a child process of ptscope (swift-backtrace). It is watched for
        // on a thread of its own from ptscope's start, and Ctrl-C (twice) sent the moment it shows:
        // on a fast machine the backtrace may be over before a poller here, starved for a moment,
        // would look.
        let seen = await OffPool.run { () -> (ptscope: pid_t, at: Date)? in
            func children(_ pid: pid_t) -> [pid_t] {
                let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
                return text.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            }
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(30)
            var ptscope: pid_t?
            while clock.now < deadline {
                if ptscope == nil { ptscope = children(shell).first }
                if let pid = ptscope, !children(pid).isEmpty {
                    let at = Date()
                    kill(pid, SIGINT)
                    kill(pid, SIGINT)
                    return (pid, at)
                }
                usleep(1000)
            }
            return nil
        }
        let backtracing = try #require(seen, "no backtracer process was seen under ptscope (the shell \(shell))")
        try await t.waitUntil("ptscope's crash report") { $0.contains(": crashed; the terminal was restored") }
        try await expectCrashReported(t, SIGSEGV, since: backtracing.at)
    }
}
