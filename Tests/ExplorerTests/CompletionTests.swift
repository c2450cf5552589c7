import Evaluator
import Foundation
import TUICore
import Testing

@testable import Explorer

/// Tab on a line being typed: each kind of word it completes, the menu it steps through, and the
/// syntax hint above the line.
@Suite("Completion and hints")
struct CompletionTests {
    static func opened(_ text: String, width: Int = 120) throws -> AppState {
        var s = Fixture.state(try Fixture.sample(), width: width, height: 40)
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, text)
        return s
    }

    static func line(_ s: AppState) -> String { s.editor?.line.text ?? "(closed)" }

    @Test func aLoneCommandNameIsCompletedWithASpace() throws {
        var s = try Self.opened("so")
        Fixture.keys(&s, .tab)
        #expect(Self.line(s) == "sort ")
        #expect(s.panes.focus == .list && s.editor != nil)  // Tab did not move the focus
        Fixture.keys(&s, .tab)  // sort's columns: several, listed
        #expect(s.editor?.completion?.candidates == CaseSort.columnNames(runs: 1).sorted())
        Fixture.type(&s, "pl")
        Fixture.keys(&s, .tab)
        #expect(Self.line(s) == "sort platform ")
    }

    @Test func severalCandidatesCompleteTheCommonPartThenTabStepsThroughThem() throws {
        var s = try Self.opened("s")
        Fixture.keys(&s, .tab)
        // samples, set, sort, status: nothing in common beyond "s"; the menu lists them.
        #expect(Self.line(s) == "s")
        #expect(s.editor?.completion?.candidates == ["samples", "set", "sort", "status"])
        #expect(Screen.text(s).contains("4 matches (Tab/Shift-Tab): samples set sort status"))
        Fixture.keys(&s, .tab)
        #expect(Self.line(s) == "samples")
        Fixture.keys(&s, .tab, .tab)
        #expect(Self.line(s) == "sort")
        #expect(Screen.text(s).contains("samples set [sort] status"))
        Fixture.keys(&s, .backTab, .backTab, .backTab)
        #expect(Self.line(s) == "status")
        // Typing ends the menu: the next Tab completes the new word.
        Fixture.keys(&s, .ctrl("u"))
        Fixture.type(&s, "fil")
        Fixture.keys(&s, .tab)
        #expect(Self.line(s) == "filter ")
    }

    @Test func setOptionsWithNoAndBang() throws {
        var s = try Self.opened("set nole")
        Fixture.keys(&s, .tab)
        #expect(Self.line(s) == "set nolenient")
        s = try Self.opened("set exa")
        Fixture.keys(&s, .tab)
        #expect(s.editor?.completion?.candidates == ["exact", "exact!"])
    }

    @Test func fnParamFunctionsAndPlatformsOfTheSelectedCase() throws {
        // Case 0 of the sample: gold Teams · set_status(status, until).
        var s = try Self.opened("alt add set_")
        Fixture.keys(&s, .tab)
        #expect(Self.line(s) == "alt add set_status.")
        Fixture.type(&s, "u")
        Fixture.keys(&s, .tab)
        #expect(Self.line(s) == "alt add set_status.until ")
        s = try Self.opened("fn add set_")
        Fixture.keys(&s, .tab)
        #expect(Self.line(s).hasPrefix("fn add set_status"))
        s = try Self.opened("platform Tea")
        Fixture.keys(&s, .tab)
        #expect(Self.line(s) == "platform Teams")
        // The catalog's platforms, not only gold's: Slack is in case 0's catalog.
        s = try Self.opened("platform Sl")
        Fixture.keys(&s, .tab)
        #expect(Self.line(s) == "platform Slack")
    }

    @Test func filterThemeAndHelpWords() throws {
        var s = try Self.opened("filter platform Ama")
        Fixture.keys(&s, .tab)
        #expect(Self.line(s) == "filter platform Amazon ")
        s = try Self.opened("filter user Zo")
        Fixture.keys(&s, .tab)
        #expect(Self.line(s) == "filter user Zoë Ångström ")
        s = try Self.opened("theme ")
        Fixture.keys(&s, .tab)
        #expect(s.editor?.completion?.candidates == ThemeLoader.bundledNames)
        s = try Self.opened("help ed")
        Fixture.keys(&s, .tab)
        #expect(s.editor?.completion?.candidates == ["editing", "edits"])
    }

    @Test func searchPrefixes() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "pr")
        Fixture.keys(&s, .tab)
        #expect(s.editor?.completion?.candidates == ["pred:", "profile:"])
        // After a scope, the next one.
        Fixture.keys(&s, .ctrl("u"))
        Fixture.type(&s, "query:to")
        Fixture.keys(&s, .tab)
        #expect(Self.line(s) == "query:tools:")
    }

    @Test func pathsOfTheExportLineAndOfTheme() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("results-folder"), withIntermediateDirectories: true)
        try Data().write(to: dir.appendingPathComponent("my theme.json5"))
        try Data().write(to: dir.appendingPathComponent("my theme, dark.json5"))
        defer { try? FileManager.default.removeItem(at: dir) }
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char("x"), .ctrl("u"))
        Fixture.type(&s, dir.path + "/res")
        Fixture.keys(&s, .tab)
        #expect(Self.line(s) == dir.path + "/results-folder/")
        // A path with spaces: the whole argument is the word.
        s = try Self.opened("theme " + dir.path + "/my theme.")
        Fixture.keys(&s, .tab)
        #expect(Self.line(s) == "theme " + dir.path + "/my theme.json5")
    }

    @Test func nothingToCompleteSaysSo() throws {
        var s = try Self.opened("zzz")
        Fixture.keys(&s, .tab)
        #expect(Self.line(s) == "zzz")
        #expect(s.message == "nothing completes “zzz”")
        // Shown above the line (the status bar is the line), until the line changes.
        #expect(Screen.text(s).contains("nothing completes “zzz” · unknown command “zzz”"))
        Fixture.type(&s, "z")
        #expect(!Screen.text(s).contains("nothing completes"))
    }

    // MARK: - Hints

    @Test func theHintShowsTheSyntaxOfWhatIsTyped() throws {
        var s = try Self.opened("sort ")
        let sortHint = "sort COLUMN [desc]   COLUMN: index user scenario platform verdict error status"
        #expect(Screen.text(s).contains(sortHint))
        Fixture.keys(&s, .ctrl("u"))
        Fixture.type(&s, "s")
        #expect(CommandHint.text(s.editor!) == "set · sort · samples · status · S N (a split's case N)")
        Fixture.keys(&s, .ctrl("u"))
        Fixture.type(&s, "sotr")
        #expect(Screen.text(s).contains("unknown command “sotr”: did you mean “sort”?"))
        Fixture.keys(&s, .ctrl("u"))
        Fixture.type(&s, "alt")
        #expect(CommandHint.text(s.editor!).hasPrefix("alt add FN.PARAM VALUE · alt edit FN.PARAM N VALUE"))
        // At 80 columns it is cut with the ellipsis, on the row above the line.
        s = try Self.opened("help ", width: 80)
        let rows = Screen.text(s).split(separator: "\n", omittingEmptySubsequences: false)
        let hintRow = try #require(rows.first { $0.contains("help [TOPIC]") })
        #expect(hintRow.hasSuffix("…") && TextWidth.of(String(hintRow)) <= 80)
    }

    @Test func theSearchHintNamesTheScopes() throws {
        var s = Fixture.state(try Fixture.sample(), width: 160, height: 40)
        Fixture.keys(&s, .char("/"))
        #expect(Screen.text(s).contains("SCOPE: query pred gold profile tools"))
    }

    @Test func theHintIsSanitized() throws {
        var s = try Self.opened("sort ")
        let line = try #require(s.editor?.line)
        s.editor?.completion = Completion.Menu(candidates: ["a\u{1b}[31m", "b"], start: 5, line: line)
        #expect(!Screen.text(s).contains("\u{1b}"))
    }
}
