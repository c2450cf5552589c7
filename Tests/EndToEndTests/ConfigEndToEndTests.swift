import Foundation
import TestSupport
import Testing

/// The config file in the real binary: `ptscope config` and its options, and a remapped key in
/// the explorer in tmux (each test its own `XDG_CONFIG_HOME`).
@Suite(
    "ptscope config",
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the end-to-end tests need tmux on PATH"),
    .timeLimit(.minutes(3))
)
struct ConfigEndToEndTests {
    /// A temporary `XDG_CONFIG_HOME` with `text` as `ptscope/config.json5` (none when nil).
    static func configHome(_ tmp: TemporaryFolder, _ text: String?) throws -> (home: String, file: String) {
        let dir = tmp.path + "/config/ptscope"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if let text { try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/config.json5")) }
        return (tmp.path + "/config", dir + "/config.json5")
    }

    /// Runs `ptscope arguments…` with `XDG_CONFIG_HOME` set to `home`.
    static func run(_ arguments: [String], home: String, in tmp: TemporaryFolder) async throws -> CLIOutputTests.Run {
        let out = tmp.path + "/run.out"
        let err = tmp.path + "/run.err"
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = home
        let status = try await Spawn.run(
            [try TmuxSession.ptscopeBinary()] + arguments, environment: environment, stdout: out, stderr: err)
        return CLIOutputTests.Run(
            status: status, stdout: [UInt8](FileManager.default.contents(atPath: out) ?? Data()),
            stderr: [UInt8](FileManager.default.contents(atPath: err) ?? Data()))
    }

    @Test("ptscope config: --path, --print (defaults filled in, reads back), errors exit 1 with the key path, inert")
    func command() async throws {
        let tmp = try TemporaryFolder()
        let (home, file) = try Self.configHome(tmp, nil)
        let path = try await Self.run(["config", "--path"], home: home, in: tmp)
        #expect(path.status == 0 && path.text == file + "\n", "\(path.text)")
        let missing = try await Self.run(["config"], home: home, in: tmp)
        #expect(missing.status == 0 && missing.text.contains("no such file; the defaults are in use"), "\(missing.text)")

        try Data(#"{ version: 1, theme: "mono", author: "ada", keys: { list: { "J": "nextFailure" } } }"#.utf8)
            .write(to: URL(fileURLWithPath: file))
        let printed = try await Self.run(["config", "--print"], home: home, in: tmp)
        #expect(printed.status == 0, "\(printed.errors)")
        for line in [
            "// ptscope configuration: \(file)", "  theme: \"mono\",", "  author: \"ada\",", "    corrected: true,",
            "      \"J\": \"nextFailure\",",
        ] {
            CLIOutputTests.expectShows(printed.text, line, "--print")
        }
        // What --print prints is a config file that checks clean.
        try Data(printed.stdout).write(to: URL(fileURLWithPath: tmp.path + "/printed.json5"))
        let check = try await Self.run(["config", "--check", tmp.path + "/printed.json5"], home: home, in: tmp)
        #expect(check.status == 0 && check.text.contains("ok (1 key remap)") && check.errors.isEmpty, "\(check.errors)")

        // Errors: exit 1, each with the file and the key path; a hostile key name is shown inert.
        let hostile = CLIOutputTests.hostileJSON
        try Data(#"{ version: 1, keys: { list: { "J": "nextFail", "\#(hostile)": "quit" } } }"#.utf8)
            .write(to: URL(fileURLWithPath: file))
        let bad = try await Self.run(["config"], home: home, in: tmp)
        #expect(bad.status == 1)
        CLIOutputTests.expectShows(
            bad.errors, #"error: \#(file): keys.list."J": unknown command "nextFail" (did you mean "nextFailure"?)"#, "stderr")
        CLIOutputTests.expectShows(bad.errors, #"error: \#(file): keys.list."\u001b]52"#, "the hostile key, escaped")
        CLIOutputTests.expectInert(bad.stderr, "stderr")
        CLIOutputTests.expectInert(bad.stdout, "stdout")

        try Data("{ version: 7 }".utf8).write(to: URL(fileURLWithPath: file))
        let newer = try await Self.run(["config", "--print"], home: home, in: tmp)
        #expect(newer.status == 1)
        CLIOutputTests.expectShows(newer.errors, "config version 7 is newer than this ptscope reads (version 1)", "stderr")
        let nowhere = try await Self.run(["config", "--check", tmp.path + "/nope.json5"], home: home, in: tmp)
        #expect(nowhere.status == 2 && nowhere.errors.contains("nope.json5: no such file"))
    }

    @Test(
        "120×40: J remapped to nextFailure in the list jumps to a failing case, ] unbound does nothing, ? shows J, the author is the config's"
    )
    func remappedKey() async throws {
        let tmp = try TemporaryFolder()
        let (home, _) = try Self.configHome(
            tmp, #"{ version: 1, author: "ada-from-config", keys: { list: { "J": "nextFailure" }, global: { "]": null } } }"#)
        let data = tmp.path + "/data"
        let t = try TmuxSession(width: 120, height: 40, environment: ["XDG_CONFIG_HOME": home, "XDG_DATA_HOME": data])
        var s = try await t.waitUntil("the scored case list") { $0.listCounts != nil && $0.overallAccuracy != nil }
        #expect(s.statusBar.contains("J next fail") && !s.statusBar.contains("] next fail"), "\(s.framed)")
        let first = try #require(s.listSelection)
        #expect(!first.failing, "the sample's first case passes:\n\(s.framed)")
        try t.send("J")
        s = try await t.waitUntil("a failing case selected") { $0.listSelection?.failing == true }
        let failing = try #require(s.listSelection)
        try t.send("]")
        s = try await t.waitUntil("] does nothing") { $0.statusBar.contains("] does nothing here") }
        #expect(s.listSelection?.number == failing.number, "\(s.framed)")
        try t.send("?")
        s = try await t.waitUntil("the help") { $0.contains("Case list") && $0.mode == "HELP" }
        #expect(s.contains("  J                       next failing case"), "\(s.framed)")
        #expect(!s.contains("  ]                       next failing case"), "\(s.framed)")
        try t.send("q")
        try await t.waitUntil("the help closed") { $0.mode == "LIST" }
        // An edit is journaled under the config's author.
        try t.send("C")
        try await t.waitFor("annotation: confirmed")
        try t.send("q")
        #expect(try await t.waitForExit() == 0)
        let journals =
            FileManager.default.enumerator(atPath: data)?.compactMap { $0 as? String }.filter {
                $0.hasSuffix(".jsonl")
            } ?? []
        let journal = try String(
            contentsOfFile: data + "/" + (try #require(journals.first, "no journal in \(data)")), encoding: .utf8)
        #expect(
            journal.contains(#""author":"ada-from-config""#) || journal.contains(#""author": "ada-from-config""#), "\(journal)")
    }
}
