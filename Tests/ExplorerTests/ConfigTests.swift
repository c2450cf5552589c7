import Evaluator
import Explorer
import Foundation
import TUICore
import Testing

/// The config file: where it is, how it is read and checked (every message with its key path),
/// and the remapped keymap in dispatch, the status bar and `?` (real files in temporary folders).
@Suite("Config file")
struct ConfigTests {
    /// The complete example the README's "Configuration" section shows; it must stay valid.
    static let example = """
        // ptscope configuration: $XDG_CONFIG_HOME/ptscope/config.json5 (else ~/.config/ptscope/
        // config.json5). JSON5: comments and trailing commas are fine. `ptscope config` checks it,
        // `ptscope config --print` shows what is in effect, `ptscope config --path` where it is.
        {
          version: 1,            // required; a newer version is refused, with both numbers
          theme: "default",      // a bundled theme or a theme file (relative to this one); --theme wins
          author: "ada",         // the name in journal entries; --author wins (default: the login name)
          options: {             // what the o options (and :set) start as; --format json, --lenient win
            lenient: false,      // also read predictions leniently (never changes PTBench's numbers)
            json: false,         // predictions are JSON ({'platform': ..., 'functions': [...]})
            corrected: true,     // score against the corrected gold (the journal's edits)
            advance: false,      // after confirm / flag, jump to the next failing case
            exact: false,        // summary views show the CSV files' exact values, not percentages
            ci: false,           // every accuracy with its Wilson 95 % interval (:set ci)
          },
          // Keys per context: global, list, detail, context, help, messages, raw, filter, options,
          // triage, edits, export, command, search, lineEditor (a pane's keys hide the global ones).
          // A key is a character ("J"), ctrl-x, alt-x, enter, esc, tab, shift-tab, space, backspace,
          // del, up, down, left, right, pgup, pgdn, home, end or f1…f63; the value a command
          // (ptscope config --commands lists them and where they work), or null / "none" to unbind.
          // A remapped key stops doing what it did in that context; the ? help shows the result.
          keys: {
            list: { "J": "nextFailure", "K": "previousFailure", "ctrl-d": "pageDown", "ctrl-u": "pageUp" },
            detail: { "ctrl-d": "pageDown", "ctrl-u": "pageUp" },
            global: { "Q": "quit", "f2": "dashboard", "e": null },
            search: { "ctrl-g": "cancel" },
            command: { "ctrl-g": "cancel" },
          },
        }

        """

    /// A fresh folder standing for `XDG_CONFIG_HOME`, with `text` as its config file.
    static func home(_ text: String?) throws -> (home: URL, file: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-config-\(UUID().uuidString)")
        let file = ExplorerConfig.location(environment: ["XDG_CONFIG_HOME": dir.path])
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let text { try Data(text.utf8).write(to: file) }
        return (dir, file)
    }

    /// The problems of a file holding `text`, without the file's path.
    static func problems(_ text: String) throws -> [String] {
        let (_, file) = try home(text)
        return ExplorerConfig.load(file).problems.map {
            ($0.isError ? "error: " : "warning: ") + $0.description.replacingOccurrences(of: file.path + ": ", with: "")
        }
    }

    // MARK: - Where

    @Test func theFileIsUnderAnAbsoluteXDGConfigHomeElseUnderDotConfig() {
        let home = URL(fileURLWithPath: "/home/ada")
        #expect(
            ExplorerConfig.location(environment: ["XDG_CONFIG_HOME": "/x/cfg"], home: home).path == "/x/cfg/ptscope/config.json5")
        for env in [[:], ["XDG_CONFIG_HOME": "relative/cfg"], ["XDG_CONFIG_HOME": ""]] {
            #expect(ExplorerConfig.location(environment: env, home: home).path == "/home/ada/.config/ptscope/config.json5")
        }
    }

    @Test func aMissingFileIsTheBundledConfigurationWithoutProblems() throws {
        let (home, _) = try Self.home(nil)
        let loaded = ExplorerConfig.atLaunch(environment: ["XDG_CONFIG_HOME": home.path])
        #expect(!loaded.exists && loaded.problems.isEmpty && loaded.config == ExplorerConfig())
        #expect(loaded.config.keymap() == ExplorerKeymap.table)
    }

    // MARK: - Reading

    @Test func theReadmeShowsThisExample() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.range(of: "### Configuration"), "README has no Configuration section")
        let start = try #require(text.range(of: "```json5\n", range: section.upperBound..<text.endIndex))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        #expect(String(text[start.upperBound..<end.lowerBound]) == Self.example)
    }

    @Test func theExampleIsValidAndEveryValueIsRead() throws {
        let (_, file) = try Self.home(Self.example)
        let loaded = ExplorerConfig.load(file)
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        let c = loaded.config
        #expect(c.theme == "default" && c.author == "ada")
        #expect(c.options == [.lenient: false, .json: false, .corrected: true, .advance: false, .exact: false, .ci: false])
        #expect(c.keys.count == 11)
        #expect(c.keys.contains(ExplorerConfig.KeyRemap(.list, "J", .char("J"), .nextFailure)))
        #expect(c.keys.contains(ExplorerConfig.KeyRemap(.global, "f2", .function(2), .dashboard)))
        #expect(c.keys.contains(ExplorerConfig.KeyRemap(.global, "e", .char("e"), nil)))
    }

    @Test func everyProblemNamesTheKeyPathAndErrorsLeaveTheBundledKeys() throws {
        let text = """
            { version: 1, colours: 2, theme: 3, author: "",
              options: { lenent: true, exact: "yes" },
              keys: {
                list: { "J": "nextFail", "x": "cursorLeft", "ctrl-i": "open", "hyper-x": "open", "pgdn": "pageUp", "PgDn": "first" },
                globl: {},
                search: { "q": "quit" },
                help: { "d": "dashboard" },
                global: { "Z": "nextTemplate" },
              },
            }
            """
        let (_, file) = try Self.home(text)
        let loaded = ExplorerConfig.load(file)
        #expect(loaded.hasErrors && loaded.config.keys.isEmpty && loaded.config.keymap() == ExplorerKeymap.table)
        #expect(loaded.problems.allSatisfy { $0.description.hasPrefix(file.path + ": ") })
        let found = try Self.problems(text)
        let expected = [
            #"warning: colours: unknown key, ignored"#,
            #"error: theme: expected a string, found a number"#,
            #"error: author: must not be empty"#,
            #"error: options.exact: expected true or false, found a string"#,
            #"warning: options.lenent: unknown option, ignored (did you mean "lenient"?) (options: lenient, json, corrected, advance, exact, ci)"#,
            #"error: keys.global."Z": "nextTemplate" works only in triage"#,
            #"error: keys.globl: unknown context (did you mean "global"?) (contexts: global, list, detail, context, help, messages, raw, filter, options, triage, edits, export, command, search, lineEditor, suspects, runChoice, leaderboard, reask)"#,
            #"error: keys.help."d": "dashboard" does nothing in help (here: moveDown, moveUp, pageDown, pageUp, first, last, back, search, searchNext, searchPrevious, copy, page, quit)"#,
            #"error: keys.list."J": unknown command "nextFail" (did you mean "nextFailure"?) (ptscope config --commands lists them)"#,
            #"error: keys.list."ctrl-i": ctrl-i reaches ptscope as tab: write "tab""#,
            #"error: keys.list."hyper-x": hyper-x: unknown modifier hyper (ctrl-x, alt-x, shift-tab)"#,
            #"error: keys.list."pgdn": conflict: PgDn is also "PgDn", bound to "first""#,
            #"error: keys.list."x": "cursorLeft" edits a line being typed: it belongs in search, export, command and lineEditor"#,
            #"error: keys.search."q": "quit" does not work while a line is typed (only line-editing commands do in search, export, command and lineEditor)"#,
            #"warning: keys: not applied because of the errors above; the bundled keys are in use"#,
        ]
        #expect(found == expected, "\(found.joined(separator: "\n"))")
    }

    @Test func versionsAreCheckedLikeTheThemes() throws {
        #expect(
            try Self.problems("{ version: 2, theme: \"mono\" }") == [
                "error: version: config version 2 is newer than this ptscope reads (version 1); the file is ignored"
            ])
        #expect(try Self.problems("{ theme: \"mono\" }") == ["error: version: missing (required; this ptscope reads version 1)"])
        #expect(try Self.problems("{ version: 0 }") == ["error: version: must be 1 or more, found 0"])
        #expect(try Self.problems("[1]") == ["error: expected an object ({ version: 1, … }), found an array"])
        #expect(
            try Self.problems("{ version: 1,\n  theme: \"mono\" oops }") == [
                "error: not valid JSON5: line 2, column 17: expected , or } after the value"
            ])
        let (_, file) = try Self.home("{ version: 2, theme: \"mono\" }")
        #expect(ExplorerConfig.load(file).config == ExplorerConfig())
    }

    @Test func aFolderOrAnOversizedFileIsRefusedNotRead() throws {
        let (_, file) = try Self.home(nil)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: true)
        #expect(ExplorerConfig.load(file).problems.map(\.description) == ["\(file.path): is a folder, not a config file"])
        let (_, big) = try Self.home("{ version: 1, author: \"" + String(repeating: "a", count: 2 << 20) + "\" }")
        #expect(ExplorerConfig.load(big).problems.map(\.description) == ["\(big.path): larger than 1 MB; not read"])
    }

    @Test func shadowingIsAWarningAndTheRemapsStillApply() throws {
        let text =
            #"{ version: 1, keys: { list: { "d": "nextFailure" }, global: { "j": "dashboard" }, search: { "x": "submit" } } }"#
        #expect(
            try Self.problems(text) == [
                #"warning: keys.search."x": x can no longer be typed into the line (it runs submit)"#,
                #"warning: keys.global."j": hidden where j means something else: list (moveDown), detail (moveDown), context (moveDown)"#,
                #"warning: keys.list."d": hides the global d (dashboard) in list"#,
            ])
        let (_, file) = try Self.home(text)
        #expect(ExplorerConfig.load(file).config.keys.count == 3)
        #expect(
            try Self.problems(#"{ version: 1, keys: { list: { "Z": null } } }"#) == [
                #"warning: keys.list."Z": Z is not bound in list; nothing to unbind"#
            ])
    }

    @Test func aThemePathIsReadFromTheConfigFilesFolder() throws {
        let (home, file) = try Self.home(#"{ version: 1, theme: "mine.json5" }"#)
        let loaded = ExplorerConfig.load(file)
        #expect(loaded.config.theme == file.deletingLastPathComponent().appendingPathComponent("mine.json5").path)
        #expect(loaded.problems.isEmpty)
        _ = home
        // A bundled name stays a name.
        let (_, named) = try Self.home(#"{ version: 1, theme: "mono" }"#)
        #expect(ExplorerConfig.load(named).config.theme == "mono")
    }

    // MARK: - Applying it

    @Test func theOptionsSetTheSessionsStartingOptions() throws {
        let (_, file) = try Self.home(
            "{ version: 1, options: { lenient: true, json: true, corrected: false, advance: true, exact: true } }")
        var options = SessionOptions()
        ExplorerConfig.load(file).config.apply(to: &options)
        #expect(options.scorer.lenient && options.scorer.format == .json)
        #expect(!options.useCorrectedGold && options.autoAdvance && options.exactValues)
        // The command line wins: --format when given; --lenient only turns it on.
        let config = ExplorerConfig.load(file).config
        #expect(config.startOptions(format: .reference, lenient: false).scorer.format == .reference)
        #expect(config.startOptions(format: nil, lenient: false).scorer.format == .json)
        let (_, off) = try Self.home("{ version: 1, options: { lenient: false } }")
        #expect(ExplorerConfig.load(off).config.startOptions(format: nil, lenient: true).scorer.lenient)
        #expect(ExplorerConfig().startOptions(format: nil, lenient: false).scorer.format == .reference)
    }

    @Test func aRemappedKeyDispatchesShowsInTheStatusBarAndInHelp() throws {
        let (home, _) = try Self.home(
            #"{ version: 1, keys: { list: { "J": "nextFailure", "j": null }, global: { "]": "none" } } }"#)
        let loaded = ExplorerConfig.atLaunch(environment: ["XDG_CONFIG_HOME": home.path])
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 30)
        loaded.attach(to: &s)
        #expect(s.keymap != ExplorerKeymap.table)
        let first = try #require(s.selectedID)
        Fixture.keys(&s, .char("J"))
        let failing = try #require(s.selectedID)
        #expect(failing != first && s.summary(failing)?.isFailing == true)
        Fixture.keys(&s, .char("]"))
        #expect(s.selectedID == failing && s.message == "] does nothing here; ? lists the keys")
        Fixture.keys(&s, .char("j"))
        #expect(s.selectedID == failing)
        // The status bar shows the list's J, not the global ] it replaced.
        let bar = Screen.text(s).split(separator: "\n").last.map(String.init) ?? ""
        #expect(bar.contains("J next fail"), "\(bar)")
        // ? shows the remapped table, the list's keys first.
        Fixture.keys(&s, .char("?"))
        let help = Screen.text(s)
        func row(_ keys: String, _ help: String) -> Bool {
            Self.lines(help: text).contains("  " + TextWidth.pad(keys, to: 24) + help)
        }
        let text = HelpLines.lines(glyphs: .unicode, keymap: s.keymap, first: [.list, .global]).map(\.plain)
        #expect(row("J", "next failing case (fail or format failure)") && row("↓", "next case") && !row("j/↓", "next case"))
        #expect(!text.contains { $0.hasPrefix("  ]  ") })
        #expect(help.contains("J                       next failing case") && help.contains("↓                       next case"))
        // The bundled help is untouched.
        #expect(HelpLines.lines(glyphs: .unicode).map(\.plain).contains { $0.hasPrefix("  j/↓ ") })
    }

    static func lines(help: [String]) -> Set<String> { Set(help) }

    @Test func problemsGoToTheMessageLogAndTheFirstIsTheStartMessage() throws {
        let (_, file) = try Self.home(#"{ version: 1, colour: 1, keys: { list: { "J": "nextFail" } } }"#)
        var s = AppState(width: 100, height: 30)
        ExplorerConfig.load(file).attach(to: &s)
        #expect(s.keymap == ExplorerKeymap.table)
        #expect(s.status.log.count == 4 && s.status.log[1].hasPrefix("config error: \(file.path): keys.list.\"J\""))
        #expect(s.message == s.status.log.last && s.message?.hasSuffix("(2 more: :messages)") == true)
    }

    @Test func printedConfigurationReadsBackAsTheSame() throws {
        let (_, file) = try Self.home(Self.example)
        let config = ExplorerConfig.load(file).config
        let printed = config.json5(file: file, exists: true, defaultAuthor: "nobody")
        #expect(printed.hasPrefix("// ptscope configuration: \(file.path)\n{\n  version: 1,\n"))
        let again = ExplorerConfig.decode(Data(printed.utf8), file: "printed")
        #expect(again.problems.isEmpty && again.config.keymap() == config.keymap(), "\(again.problems)")
        let defaults = ExplorerConfig().json5(file: file, exists: false, defaultAuthor: "nobody")
        #expect(defaults.contains("(no such file: every value is the default)") && defaults.contains("author: \"nobody\""))
        #expect(defaults.contains("corrected: true,") && defaults.contains("lenient: false,"))
    }
}
