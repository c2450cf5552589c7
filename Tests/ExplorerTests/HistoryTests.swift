import Evaluator
import Explorer
import Foundation
import TUICore
import Testing

/// ↑/↓ history in the line editors, per kind of input, and its file (real temporary folders).
@Suite("Line history")
struct HistoryTests {
    /// A fresh temporary folder standing for `XDG_STATE_HOME`.
    static func stateHome() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func file(in home: URL) -> URL { HistoryFile.location(environment: ["XDG_STATE_HOME": home.path]) }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func contents(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    // MARK: - In the line editor

    @Test func upRecallsTheLinesOfTheSameKindAndDownBringsBackTheTypedLine() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 30)
        for query in ["zo", "berlin", "berlin"] {
            Fixture.keys(&s, .char("/"))
            Fixture.type(&s, query)
            Fixture.keys(&s, .enter)
        }
        #expect(s.history[.search].entries == ["zo", "berlin"])  // the repeat is not stored
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "par")
        Fixture.keys(&s, .up)
        #expect(s.editor?.line.text == "berlin" && s.editor?.line.cursor == 6)
        #expect(Screen.text(s).contains("berlin"))
        Fixture.keys(&s, .ctrl("p"), .up)  // the oldest stays
        #expect(s.editor?.line.text == "zo")
        Fixture.keys(&s, .down)
        #expect(s.editor?.line.text == "berlin")
        Fixture.keys(&s, .ctrl("n"))
        #expect(s.editor?.line.text == "par")
        Fixture.keys(&s, .down)
        #expect(s.editor?.line.text == "par")
        // Another kind has its own history: `:` recalls no search.
        Fixture.keys(&s, .escape, .char(":"), .up)
        #expect(s.editor?.line.text == "")
    }

    @Test func aRecalledLineCanBeEditedAndSubmitted() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 30)
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "zo")
        Fixture.keys(&s, .enter, .char("/"), .up)
        Fixture.type(&s, "e")
        Fixture.keys(&s, .enter)
        #expect(s.list.search.query == "zoe")
        #expect(s.history[.search].entries == ["zo", "zoe"])
    }

    @Test func commandsNotesAndFlagReasonsShareTheCommandHistory() throws {
        let (base, journal, _) = try AnnotateTests.setUp()
        var s = base
        AnnotateTests.send(&s, journal, .char("!"))
        AnnotateTests.type(&s, journal, "wrong user")
        AnnotateTests.send(&s, journal, .enter, .char("m"))
        AnnotateTests.type(&s, journal, "look again")
        AnnotateTests.send(&s, journal, .enter, .char(":"))
        AnnotateTests.type(&s, journal, "nonsense")
        AnnotateTests.send(&s, journal, .enter)  // refused by the parser: still kept, to fix with ↑
        #expect(s.history[.command].entries == ["flag wrong user", "note look again", "nonsense"])
        AnnotateTests.send(&s, journal, .char(":"), .up, .up)
        #expect(s.editor?.line.text == "note look again")
        #expect(s.history[.search].entries.isEmpty)
    }

    @Test func aSubmittedLineIsSavedFirstOnlyWhenThereIsAFile() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 30)
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "zo")
        var without = s
        #expect(Reducer.reduce(&without, .key(.enter)) == [.search("zo")])
        s.history.file = URL(fileURLWithPath: "/nonexistent/history.jsonl")
        var with = s
        #expect(Reducer.reduce(&with, .key(.enter)) == [.saveHistory(.search, "zo"), .search("zo")])
        // Blank or repeated: nothing to save.
        Fixture.keys(&with, .char("/"))
        Fixture.type(&with, "zo")
        #expect(Reducer.reduce(&with, .key(.enter)) == [.search("zo")])
    }

    // MARK: - Alt keys

    @Test func altKeysMoveAndDeleteByWords() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 30)
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "find the cat")
        Fixture.keys(&s, .alt("b"), .alt("b"))
        #expect(s.editor?.line.beforeCursor == "find ")
        Fixture.keys(&s, .alt("d"))
        #expect(s.editor?.line.text == "find  cat")
        Fixture.keys(&s, .alt("f"))
        #expect(s.editor?.line.cursor == 9)
        Fixture.keys(&s, .altBackspace)
        #expect(s.editor?.line.text == "find  ")
        #expect(ExplorerKeymap.markdown().contains("`Ctrl-W/Alt-Backspace`"))
        #expect(ExplorerKeymap.markdown().contains("`Alt-b`"))
    }

    // MARK: - The file

    @Test func theFileIsUnderXDGStateHomeElseTheHomeFolder() {
        let home = URL(fileURLWithPath: "/home/u")
        #expect(
            HistoryFile.location(environment: ["XDG_STATE_HOME": "/s"], home: home).path == "/s/ptscope/history.jsonl")
        #expect(HistoryFile.location(environment: [:], home: home).path == "/home/u/.local/state/ptscope/history.jsonl")
        // A relative XDG_STATE_HOME is not used (the XDG rule).
        #expect(
            HistoryFile.location(environment: ["XDG_STATE_HOME": "rel"], home: home).path
                == "/home/u/.local/state/ptscope/history.jsonl")
    }

    @Test func submittedLinesAreAppendedAndReadBackAtTheNextLaunch() throws {
        let home = try Self.stateHome()
        let environment = ["XDG_STATE_HOME": home.path]
        let first = HistoryFile.atLaunch(environment: environment)
        #expect(first.warnings.isEmpty && first.history.lines.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: Self.file(in: home).path))  // created on the first save
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 30)
        first.attach(to: &s)
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "zo \"quoted\"\t\\")
        Fixture.keys(&s, .enter, .char("x"), .ctrl("u"))
        Fixture.type(&s, "/nonexistent-folder/out.csv")
        Fixture.keys(&s, .enter)
        let text = try Self.contents(Self.file(in: home))
        #expect(
            text == """
                {"v": 1, "kind": "search", "line": "zo \\"quoted\\"\\t\\\\"}
                {"v": 1, "kind": "export", "line": "/nonexistent-folder/out.csv"}

                """)
        let next = HistoryFile.atLaunch(environment: environment)
        #expect(next.warnings.isEmpty)
        #expect(next.history[.search].entries == ["zo \"quoted\"\t\\"])
        #expect(next.history[.export].entries == ["/nonexistent-folder/out.csv"])
        #expect(next.history.file == Self.file(in: home))
    }

    @Test func aTornLastLineIsSkippedAndCutBeforeTheNextLine() throws {
        let home = try Self.stateHome()
        let url = Self.file(in: home)
        try Self.write(
            """
            {"v": 1, "kind": "search", "line": "whole"}
            {"v": 1, "kind": "search", "line": "cut sh
            """, to: url)
        let loaded = HistoryFile.load(url)
        #expect(loaded.history[.search].entries == ["whole"])
        #expect(loaded.warnings == ["\(url.path):2: the last line is incomplete (a write cut short?), skipped"])
        try HistoryFile.append("next", kind: .search, to: url)
        #expect(
            try Self.contents(url) == """
                {"v": 1, "kind": "search", "line": "whole"}
                {"v": 1, "kind": "search", "line": "next"}

                """)
        #expect(HistoryFile.load(url).warnings.isEmpty)
        // A file that is nothing but a torn line.
        try Self.write("{\"v\": 1, \"ki", to: url)
        try HistoryFile.append("only", kind: .command, to: url)
        #expect(try Self.contents(url) == "{\"v\": 1, \"kind\": \"command\", \"line\": \"only\"}\n")
    }

    @Test func aNewerVersionIsRefusedWithBothNumbersAndNotWritten() throws {
        let home = try Self.stateHome()
        let url = Self.file(in: home)
        let original = """
            {"v": 1, "kind": "search", "line": "old"}
            {"v": 2, "kind": "search", "line": "new", "scope": "query"}

            """
        try Self.write(original, to: url)
        let loaded = HistoryFile.load(url)
        #expect(loaded.history.lines.isEmpty && loaded.history.file == nil)
        #expect(
            loaded.warnings == [
                "\(url.path):2: written by a newer ptscope (history format version 2; this ptscope reads version 1): "
                    + "the history is not read or saved; update ptscope"
            ])
        // Submitting with that history saves nothing.
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 30)
        loaded.attach(to: &s)
        #expect(s.message == loaded.warnings.first)
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "zo")
        Fixture.keys(&s, .enter)
        #expect(try Self.contents(url) == original)
    }

    @Test func unknownKeysAndUnreadableLinesAreWarnedWithTheirLine() throws {
        let home = try Self.stateHome()
        let url = Self.file(in: home)
        try Self.write(
            """
            {"v": 1, "kind": "search", "line": "a", "when": "now"}
            not json
            {"v": 1, "kind": "replay", "line": "b"}
            {"kind": "search", "line": "c"}

            {"v": 1, "kind": "command", "line": 3, "when": 1}
            {"v": 1, "kind": "command", "line": "fn add x", "when": 2}

            """, to: url)
        let loaded = HistoryFile.load(url)
        #expect(loaded.history[.search].entries == ["a"])
        #expect(loaded.history[.command].entries == ["fn add x"])
        #expect(loaded.warnings.count == 5)
        #expect(loaded.warnings[0] == "\(url.path):1: unknown key \"when\" ignored")
        #expect(loaded.warnings[1].hasPrefix("\(url.path):2: not a history line, skipped: malformed JSON"))
        #expect(
            loaded.warnings[2]
                == "\(url.path):3: not a history line, skipped: unknown kind \"replay\" (expected search, command or export)")
        #expect(loaded.warnings[3] == "\(url.path):4: not a history line, skipped: no format version \"v\"")
        #expect(loaded.warnings[4] == "\(url.path):6: not a history line, skipped: \"line\" must be a string")
        #expect(loaded.history.file == url)
    }

    @Test func aRecalledLineIsDataAndDrawnClean() throws {
        let home = try Self.stateHome()
        let url = Self.file(in: home)
        try Self.write("{\"v\": 1, \"kind\": \"search\", \"line\": \"\\u001b[31mred\\u0007\\u009b2J\"}\n", to: url)
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 30)
        HistoryFile.load(url).attach(to: &s)
        Fixture.keys(&s, .char("/"), .up)
        #expect(s.editor?.line.text == "\u{1b}[31mred\u{07}\u{9b}2J")
        let bar = Screen.text(s).split(separator: "\n").last.map(String.init) ?? ""
        #expect(bar.contains("[31mred"), "\(bar)")
        #expect(!bar.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(bar)")
    }

    @Test func atMostTheLimitPerKindIsRead() throws {
        let home = try Self.stateHome()
        let url = Self.file(in: home)
        for i in 1...520 { try HistoryFile.append("s\(i)", kind: .search, to: url) }
        try HistoryFile.append("c", kind: .command, to: url)
        let loaded = HistoryFile.load(url)
        #expect(loaded.history[.search].entries.count == 500)
        #expect(loaded.history[.search].entries.first == "s21" && loaded.history[.search].entries.last == "s520")
        #expect(loaded.history[.command].entries == ["c"])
    }

    @Test func aFileThatCannotBeReadAtLaunchIsNeitherReadNorWritten() throws {
        let home = try Self.stateHome()
        // The folder the file belongs in is a file.
        try Self.write("", to: home.appendingPathComponent("ptscope"))
        let loaded = HistoryFile.atLaunch(environment: ["XDG_STATE_HOME": home.path])
        #expect(loaded.history.file == nil)
        #expect(
            loaded.warnings == [
                "\(Self.file(in: home).path): cannot open the history: Not a directory; "
                    + "the history is not read or saved this time"
            ])
    }

    @Test func aLineThatCannotBeSavedSaysSoInTheStatusBar() throws {
        let home = try Self.stateHome()
        try Self.write("", to: home.appendingPathComponent("blocker"))
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 30)
        s.history.file = home.appendingPathComponent("blocker/ptscope/history.jsonl")
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "zo")
        let effects = Reducer.reduce(&s, .key(.enter))
        #expect(effects.first == .saveHistory(.search, "zo"))
        let actions = SynchronousEffectRunner().perform(Array(effects.prefix(1)), for: s)
        guard case .finished(let message)? = actions.first else {
            Issue.record("expected a message, got \(actions)")
            return
        }
        #expect(message.hasPrefix("not kept in the history: \(home.path)/blocker/ptscope: cannot create the history's folder"))
        #expect(s.history[.search].entries == ["zo"])  // kept for this run all the same
    }
}
