import Foundation
import Testing

@testable import NcursesBackend

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - Signal dispositions after restore

/// `newterm` installs ncurses' own SIGINT, SIGTERM and SIGTSTP handlers where they were at their
/// defaults, once per process; after ``NcursesTerminal/restore()`` the shell's dispositions must
/// be back (SIGTERM ends the process by SIGTERM, Ctrl-Z stops it without curses' redraw).
///
/// ncurses installs them only the first time a process starts curses, so the check runs in a
/// fresh process: this test binary again, running only the child test, with default dispositions.
@Suite("NcursesTerminal: signal dispositions after restore")
struct SignalDispositionTests {
    static let childVariable = "PTSCOPE_DISPOSITION_CHILD"
    static var isChild: Bool { ProcessInfo.processInfo.environment[childVariable] != nil }

    /// The handler of `signal`, as a number (0: SIG_DFL, 1: SIG_IGN).
    static func handler(_ signal: Int32) -> Int {
        var action = sigaction()
        sigaction(signal, nil, &action)
        return unsafeBitCast(action.__sigaction_handler, to: Int.self)
    }

    @Test(
        "(child process) the real terminal started and restored leaves the shell's dispositions",
        .enabled(if: isChild))
    func childStartsAndRestores() throws {
        let signals = [SIGINT, SIGTERM, SIGTSTP]
        let before = signals.map(Self.handler)
        let terminal = try NcursesTerminal(mouse: false)
        terminal.restore()
        #expect(signals.map(Self.handler) == before, "the dispositions after restore")
        // What a user sees: SIGTERM now ends the process by SIGTERM (ncurses' handler exits 1).
        // (Unblocked first: the test's worker thread blocks SIGTERM.)
        var term = sigset_t()
        sigemptyset(&term)
        sigaddset(&term, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &term, nil)
        raise(SIGTERM)
    }

    @Test("after restore, SIGTERM ends the process by SIGTERM: the shell's dispositions are back, not ncurses'")
    func restorePutsBackTheShellsDispositions() throws {
        let exe = try #require(try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-disp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path
        let argv = [exe, "--testing-library", "swift-testing", "--filter", "childStartsAndRestores"]
        var environment = ProcessInfo.processInfo.environment
        environment[Self.childVariable] = "1"
        environment["TERM"] = "xterm-256color"
        let envp = environment.map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGTSTP] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var cArgs = argv.map { strdup($0) } + [nil]
        var cEnv = envp.map { strdup($0) } + [nil]
        defer { for p in cArgs + cEnv { free(p) } }
        var pid = pid_t()
        try #require(posix_spawn(&pid, exe, &actions, &attributes, &cArgs, &cEnv) == 0)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        let report = output.split(separator: "\n").filter { $0.contains("✘") || $0.contains("Expectation") }
            .map { $0.unicodeScalars.filter { $0.value >= 0x20 }.map(String.init).joined() }
        let signalled = status & 0x7F
        #expect(
            signalled == SIGTERM,
            "the child should end by SIGTERM; wait status \(status) (exit \((status >> 8) & 0xFF)):\n\(report.joined(separator: "\n"))"
        )
        #expect(output.contains("(child process)"), "the child ran the child test")
    }
}
