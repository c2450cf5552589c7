import Explorer
import Foundation
import TUICore
import TestSupport
import Testing

/// `y`, `v` and Alt-E through the real input loop on a ``FakeTerminal``: the bytes written, real
/// pager and editor programs (shell scripts) run on a handed-over terminal.
@Suite("Getting things out: the runtime")
struct GettingOutRuntimeTests {
    /// A fresh folder with an executable script `name` holding `body` (after `#!/bin/sh`).
    static func script(_ name: String, _ body: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-outs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func runtime(_ environment: [String: String]) -> ExplorerRuntime {
        let runtime = RuntimeTests.runtime()
        runtime.terminalEffects = TerminalEffects(environment: environment)
        return runtime
    }

    @Test func yWritesOSC52WithTheTextBetweenFramesAndSaysWhatWasCopied() async throws {
        let runtime = Self.runtime(["TMUX": "/tmp/tmux-0/default,1,0"])
        let (_, terminal) = await RuntimeTests.play(
            [
                RuntimeTests.scored, RuntimeTests.see("Case 0 ·"), .key(.char("y")),
                RuntimeTests.see("copied the predicted call"), .key(.char("q")),
            ],
            on: runtime)
        let call = "Teams: [set_status(status='out_of_office', until='2025-06-24 09:00')]"
        let expected = Clipboard.sequence(call).bytes
        #expect(terminal.controls == [expected])
        #expect(
            runtime.state.status.log.last == "copied the predicted call (\(call.utf8.count) bytes); tmux needs set-clipboard on")
    }

    @Test func vHandsTheTerminalToThePagerWithATemporaryFileAndTakesItBack() async throws {
        let dir = try Self.folder()
        let pager = try Self.script(
            "pager",
            "cat \"$1\" > '\(dir.path)/seen'; stat -c %a \"$1\" > '\(dir.path)/mode'; printf %s \"$1\" > '\(dir.path)/path'",
            in: dir)
        // Run by /bin/sh rather than exec'd: a script just written can be "Text file busy" for
        // exec while another test's fork still holds the written file's descriptor.
        let runtime = Self.runtime(["PAGER": "/bin/sh '\(pager)'", "TMPDIR": dir.path])
        let (_, terminal) = await RuntimeTests.play(
            [
                RuntimeTests.scored, RuntimeTests.see("Case 0 ·"), .key(.char("c")), .key(.char("v")), .key(.char("h")),
                .key(.char("h")), .key(.char("j")), RuntimeTests.see("Case 1 ·"), .key(.char("q")),
            ],
            on: runtime)
        #expect(terminal.handOvers == 1)
        #expect(terminal.keysReadDuringHandOver == 0)
        let seen = try String(contentsOf: dir.appendingPathComponent("seen"), encoding: .utf8)
        #expect(seen.hasPrefix("{\n  \"basic_features\": {\n"), "\(seen.prefix(60))")
        #expect(try String(contentsOf: dir.appendingPathComponent("mode"), encoding: .utf8) == "600\n")
        let path = try String(contentsOf: dir.appendingPathComponent("path"), encoding: .utf8)
        #expect(path.hasPrefix(dir.path + "/ptscope-") && path.hasSuffix(".txt"), "\(path)")
        #expect(!FileManager.default.fileExists(atPath: path), "the temporary file is still there")
    }

    @Test func aPagerThatCannotStartSaysWhy() async throws {
        let runtime = Self.runtime(["PAGER": "/nonexistent/pager -R"])
        let (_, terminal) = await RuntimeTests.play(
            [
                RuntimeTests.scored, RuntimeTests.see("Case 0 ·"), .key(.char("v")), RuntimeTests.see("cannot start"),
                .key(.char("q")),
            ],
            on: runtime)
        #expect(
            runtime.state.status.log.contains { $0.hasPrefix("cannot start “/nonexistent/pager”: No such file or directory") })
        #expect(terminal.handOvers == 1)
    }

    @Test func altEBringsTheEditorsTextIntoTheNote() async throws {
        let dir = try Self.folder()
        let editor = try Self.script(
            "editor", "cat \"$1\" > '\(dir.path)/given'; printf 'from the editor\\nsecond line\\n' > \"$1\"", in: dir)
        let runtime = Self.runtime(["EDITOR": "/bin/sh '\(editor)'", "TMPDIR": dir.path])
        let (_, terminal) = await RuntimeTests.play(
            [RuntimeTests.scored, RuntimeTests.see("Case 0 ·"), .key(.char("m"))] + FakeTerminal.Step.typing("typed")
                + [.key(.alt("e")), RuntimeTests.see("note from the editor second line"), .key(.escape), .key(.char("q"))],
            on: runtime)
        #expect(terminal.handOvers == 1)
        #expect(try String(contentsOf: dir.appendingPathComponent("given"), encoding: .utf8) == "typed\n")
    }

    @Test func anEditorThatFailsLeavesTheLine() async throws {
        let runtime = Self.runtime(["VISUAL": "false", "EDITOR": "vi"])
        let (_, _) = await RuntimeTests.play(
            [RuntimeTests.scored, RuntimeTests.see("Case 0 ·"), .key(.char("m"))] + FakeTerminal.Step.typing("kept")
                + [.key(.alt("e")), RuntimeTests.see("exited with status 1"), .key(.escape), .key(.char("q"))],
            on: runtime)
        #expect(runtime.state.status.log.contains("the editor (false) exited with status 1: the line is unchanged"))
    }
}
