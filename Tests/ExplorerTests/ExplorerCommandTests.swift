import Evaluator
import Foundation
import TUICore
import Testing

@testable import Explorer

/// `:filter`, `:theme` and `:help TOPIC`.
@Suite("Explorer commands")
struct ExplorerCommandTests {
    static func run(_ s: inout AppState, _ line: String) {
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, line)
        Fixture.keys(&s, .enter)
    }

    // MARK: - :filter

    @Test func filterByNameNarrowsTheList() throws {
        let data = try Fixture.sample()
        var s = Fixture.state(data, width: 120, height: 40)
        let all = s.list.visible.count
        Self.run(&s, "filter fail")
        #expect(s.list.filter.verdicts == [.fail])
        #expect(s.list.visible.count < all && s.list.visible.allSatisfy { s.verdict($0)?.overall == false })
        // Several in one line, a dimension word before a name, a name with a space.
        Self.run(&s, "filter clear platform Amazon user Zoë Ångström split U")
        #expect(s.list.filter.verdicts.isEmpty)
        #expect(s.list.filter.platforms == ["Amazon"])
        #expect(s.list.filter.users.map { data.users[$0].name } == ["Zoë Ångström"])
        #expect(s.list.filter.splits == [0])
        #expect(s.message?.hasPrefix("filter: ") == true)
        // Bare names that only one dimension has, any case; error columns by their CSV names.
        Self.run(&s, "filter clear amazon value_error flagged")
        #expect(s.list.filter.platforms == ["Amazon"] && s.list.filter.errors == [.column(.value)])
        #expect(s.list.filter.statuses == [.flagged])
        Self.run(&s, "filter clear")
        #expect(s.list.filter.isEmpty && s.list.visible.count == all)
        // Alone: the filter menu.
        Self.run(&s, "filter")
        #expect(s.overlay?.kind == .filter)
    }

    @Test func unknownFilterValuesAreRefusedWithTheClosestName() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Self.run(&s, "filter platform Amazn")
        #expect(
            s.message
                == "unknown platform “Amazn”: did you mean “Amazon”? (filter VALUE…, filter DIMENSION VALUE, filter clear; Tab lists them)"
        )
        Self.run(&s, "filter fial")
        #expect(s.message?.hasPrefix("unknown filter value “fial”: did you mean “fail”?") == true, "\(s.message ?? "")")
        Self.run(&s, "filter verdict")
        #expect(s.message == "filter verdict needs a value")
        #expect(s.list.filter.isEmpty)
    }

    // MARK: - :theme

    @Test(arguments: ThemeLoader.bundledNames)
    func everyBundledThemeSwitches(name: String) throws {
        let (theme, messages) = ExplorerRuntime.theme(name, depth: .c256)
        let resolved = try #require(theme)
        #expect(resolved.depth == .c256)
        #expect(messages == ["theme \(name)"])
    }

    @Test func aBadThemeKeepsTheCurrentOneAndSaysWhy() throws {
        let (missing, why) = ExplorerRuntime.theme("/nonexistent/theme.json5", depth: .c16)
        #expect(missing == nil)
        #expect(why.last?.hasPrefix("theme not changed: /nonexistent/theme.json5 is neither a bundled theme (") == true)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-bad-theme-\(UUID().uuidString).json5")
        try Data("{ version: 1, roles: [".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (bad, badWhy) = ExplorerRuntime.theme(file.path, depth: .c16)
        #expect(bad == nil)
        #expect(badWhy.last?.hasPrefix("theme not changed: \(file.path)") == true, "\(badWhy)")
    }

    @Test func theRuntimePerformsTheThemeEffect() throws {
        let runtime = ExplorerRuntime(
            state: AppState(width: 80, height: 24), theme: ThemeLoader.load(nil).theme.resolve(depth: .c256),
            runner: SynchronousEffectRunner(author: "test"))
        let before = runtime.theme.styles
        let other = try #require(ThemeLoader.bundledNames.first { $0 != "default" })
        runtime.perform([.setTheme(other)])
        #expect(runtime.theme.styles != before && runtime.theme.depth == .c256)
        #expect(runtime.state.status.log.last == "theme \(other)")
        runtime.perform([.setTheme("/nonexistent")])
        #expect(runtime.state.status.message?.hasPrefix("theme not changed") == true)
    }

    @Test func themeCommands() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "theme my themes/dark.json5")
        let effects = Reducer.reduce(&s, .key(.enter))
        #expect(effects.contains(.setTheme("my themes/dark.json5")))
        Self.run(&s, "theme")
        #expect(s.message == "themes: \(ThemeLoader.bundledNames.joined(separator: ", ")) (or a JSON5 file: theme PATH)")
    }

    // MARK: - :help TOPIC

    @Test func helpOpensAtATopic() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Self.run(&s, "help filter")
        guard case .help(let help)? = s.overlay else { throw Failure("no help") }
        #expect(help.first == [.filter])
        #expect(Screen.text(s).split(separator: "\n")[2].contains("Filter (f)"))
        Fixture.keys(&s, .escape)
        Self.run(&s, "help edits")
        guard case .help(let edits)? = s.overlay else { throw Failure("no help") }
        // Scrolled to the edit commands (as far as the end of the help allows).
        #expect(edits.scroll.offset > 0 && edits.first.isEmpty)
        #expect(Screen.text(s).contains("Edit commands (: in the case list"))
        Fixture.keys(&s, .escape)
        Self.run(&s, "help lsit")
        #expect(s.overlay == nil)
        #expect(s.message?.hasPrefix("no help topic “lsit”: did you mean “list”? (topics: list, case, context") == true)
    }

    @Test func helpTopicInSeveralColumns() throws {
        var s = Fixture.state(try Fixture.sample(), width: 200, height: 50)
        Self.run(&s, "help glyphs")
        guard case .help(let help)? = s.overlay else { throw Failure("no help") }
        let page = Reducer.helpPage(s, help)
        #expect(page.columns == 2 && help.scroll.offset > 0)
        // The Glyphs part is on screen (scrolled as far as the end of the help allows); from the top it is not.
        let glyphsRow = try #require(page.lines.firstIndex { $0.plain.contains("Glyphs") })
        #expect(glyphsRow >= help.scroll.offset && glyphsRow < help.scroll.offset + Layout(s).overlayRows)
        #expect(glyphsRow >= Layout(s).overlayRows)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }
}
