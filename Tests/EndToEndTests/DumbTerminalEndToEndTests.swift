import Foundation
import Testing

/// On a terminal that cannot move the cursor (`TERM=dumb`, or any terminfo entry without `cup`),
/// the explorer cannot draw: ptscope prints the score table instead, says why on standard error,
/// and exits 0, as `--print` does, instead of a blank screen waiting for keys.
@Suite(
    "ptscope on a terminal that cannot address the cursor",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct DumbTerminalEndToEndTests {
    /// A terminfo entry with a screen size and a clear, but no cursor addressing, compiled by `tic`
    /// into `folder` (what `TERMINFO` then names).
    static func compileNoCursorTerminal(into folder: String) throws {
        let source = folder + "/nocup.src"
        try Data(
            "nocup|a terminal without cursor addressing,\n\tam, cols#80, lines#24,\n\tbel=^G, clear=\\E[H\\E[2J, cr=\\r, cud1=\\n, ind=\\n,\n"
                .utf8
        )
        .write(to: URL(fileURLWithPath: source))
        let tic = try #require(TmuxSession.findExecutable("tic"), "tic (ncurses-bin) is not installed")
        let status = try TmuxSession.spawnAndWait(
            [tic, "-x", "-o", folder + "/terminfo", source], environment: [:], stdout: folder + "/tic.out",
            stderr: folder + "/tic.err")
        try #require(status == 0, "tic failed: \((try? String(contentsOfFile: folder + "/tic.err", encoding: .utf8)) ?? "")")
    }

    @Test(
        "TERM=dumb, or a terminal without cup: the score table is printed, with the reason, and the exit status is 0",
        arguments: ["dumb", "nocup"])
    func printsTheTableInstead(term: String) async throws {
        let tmp = try TemporaryFolder()
        var environment = ["E2E_TERM": term]
        if term == "nocup" {
            try Self.compileNoCursorTerminal(into: tmp.path)
            environment["TERMINFO"] = tmp.path + "/terminfo"
        }
        let t = try TmuxSession(width: 250, height: 50, environment: environment)
        #expect(try await t.waitForExit() == 0)
        let modes = try t.ttyModes()
        #expect(modes.echo && modes.canonical, "the line discipline is given back (echo, canonical mode)")
        let text = try t.screen.lines.joined(separator: "\n")
        #expect(text.contains("the bundled sample (invented data), model strong-sim"), "\(text)")
        #expect(text.contains("tool_param_values"), "\(text)")
        #expect(text.contains("terminal type \"\(term)\" (TERM) cannot move the cursor"), "\(text)")
        #expect(text.contains("printing the score table instead"), "\(text)")
    }
}
