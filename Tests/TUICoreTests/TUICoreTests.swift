import Foundation
import TUICore
import Testing

@Suite("Text width and sanitizing")
struct TextTests {
    @Test(arguments: [
        ("abc", 3), ("王芳", 4), ("Søren", 5), ("e\u{301}", 1), ("👍", 2), ("한국어", 6), ("ｆｕｌｌ", 8), ("\u{200B}", 0),
        ("a\u{FE0F}", 1),
    ])
    func widths(_ text: String, _ width: Int) {
        #expect(TextWidth.of(text) == width)
    }

    @Test func truncateAndPadCountColumns() {
        #expect(TextWidth.truncate("王芳王芳", to: 5) == "王芳…")
        #expect(TextWidth.truncate("abc", to: 3) == "abc")
        #expect(TextWidth.pad("王", to: 4) == "王  ")
        #expect(TextWidth.prefix("王芳", width: 3) == "王")
    }

    @Test func wrapBreaksAtSpacesAndInsideLongWords() {
        #expect(TextWidth.wrap("the quick brown fox", width: 9) == ["the quick", "brown fox"])
        #expect(TextWidth.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWidth.wrap("a\nb", width: 4) == ["a", "b"])
        #expect(TextWidth.wrap("王芳王芳王", width: 4) == ["王芳", "王芳", "王"])
    }

    @Test func controlCharactersAndEscapesAreShownNotSent() {
        #expect(Sanitizer.clean("a\u{1B}[31mb") == "a\\x1b[31mb")
        #expect(Sanitizer.clean("bell\u{07}") == "bell\\x07")
        #expect(Sanitizer.clean("x\u{9B}y") == "x\\x9by")
        #expect(Sanitizer.clean("rtl\u{202E}x") == "rtl\\u202ex")
        #expect(Sanitizer.clean("a\nb\tc") == "a\\nb\\tc")
        #expect(Sanitizer.clean("a\nb\tc", keepNewlines: true) == "a\nb    c")
        #expect(Sanitizer.clean("Søren 王芳 —") == "Søren 王芳 —")
    }
}

@Suite("Screen buffer and diff")
struct BufferTests {
    @Test func wideCharactersTakeTwoCellsAndClipAtTheEdge() {
        var b = ScreenBuffer(width: 6, height: 1)
        let next = b.put("a王b", x: 0, y: 0)
        #expect(next == 4)
        #expect(b[1, 0].text == "王" && b[1, 0].width == 2 && b[2, 0].isContinuation)
        #expect(b.row(text: 0) == "a王b")
        var c = ScreenBuffer(width: 3, height: 1)
        c.put("ab王", x: 0, y: 0)
        #expect(c.row(text: 0) == "ab")  // no half of a wide character at the edge
        #expect(c[2, 0].text == " ")
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var b = ScreenBuffer(width: 4, height: 1)
        b.put("王", x: 1, y: 0)
        b.put("x", x: 2, y: 0)
        #expect(b[1, 0].text == " " && b[2, 0].text == "x")
        b.put("芳", x: 0, y: 0)
        b.put("y", x: 0, y: 0)
        #expect(b[1, 0].text == " " && !b[1, 0].isContinuation)
    }

    @Test func aLoneCombiningMarkGetsABase() {
        var b = ScreenBuffer(width: 4, height: 1)
        b.put("\u{301}", x: 0, y: 0)
        #expect(b[0, 0].text == "◌\u{301}" && b[0, 0].width == 1)
    }

    @Test func diffWritesOnlyChangedRunsAndWholeWideCharacters() {
        var a = ScreenBuffer(width: 10, height: 2)
        a.put("hello", x: 0, y: 0)
        var b = a
        b.put("J", x: 0, y: 0)
        b.put("王", x: 4, y: 1, role: .fail)
        let d = FrameDiff(from: a, to: b)
        #expect(!d.full)
        #expect(d.runs.count == 2)
        #expect(d.runs[0] == FrameDiff.Run(x: 0, y: 0, cells: [Cell("J")]))
        #expect(d.runs[1].x == 4 && d.runs[1].cells.count == 2)
        #expect(FrameDiff(from: a, to: a).runs.isEmpty)
        #expect(FrameDiff(from: nil, to: a).full)
        #expect(FrameDiff(from: ScreenBuffer(width: 3, height: 2), to: a).cellCount == 20)
        var c = b
        c[5, 1].role = .pass  // only the continuation's role changed: the run starts at the wide cell
        #expect(FrameDiff(from: b, to: c).runs.first?.x == 4)
    }
}

@Suite("Themes")
struct ThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes")

    @Test func bundledThemesAreTheFilesInThemes() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder.path).filter { $0.hasSuffix(".json5") }
            .sorted()
        #expect(files.map { String($0.dropLast(6)) } == ThemeLoader.bundledNames)
        for f in files {
            let text = try String(contentsOf: Self.themesFolder.appendingPathComponent(f), encoding: .utf8)
            #expect(BundledThemes.files[String(f.dropLast(6))] == text, "run Scripts/embed_themes.py after editing Themes/\(f)")
        }
        for name in ["default", "light", "high-contrast", "mono"] { #expect(ThemeLoader.bundledNames.contains(name)) }
    }

    @Test(arguments: ["default", "light", "high-contrast", "mono"])
    func everyBundledThemeLoadsCleanlyAndDefinesEveryRole(_ name: String) {
        let (theme, warnings) = ThemeLoader.load(name)
        #expect(warnings.isEmpty)
        #expect(theme.name == name)
        #expect(Set(theme.roles.keys) == Set(Role.allCases))
        for depth in ColorDepth.allCases {
            let r = theme.resolve(depth: depth)
            if depth == .mono { #expect(Role.allCases.allSatisfy { r[$0].fg == -1 && r[$0].bg == -1 }) }
            if depth == .c8 { #expect(Role.allCases.allSatisfy { r[$0].fg < 8 && r[$0].bg < 8 }) }
        }
    }

    @Test func monoStillDistinguishesTheRolesThatCarryMeaning() {
        let r = ThemeLoader.load("default").theme.resolve(depth: .mono)
        #expect(r[.selection].reverse)
        #expect(r[.fail] != r[.pass])
        #expect(r[.format] != r[.fail])
        #expect(r[.errorSpan] != .plain)
    }

    @Test func depthFallbacks() throws {
        var w: [String] = []
        let t = try Theme.decode(
            Data(
                #"{version: 1, roles: {pass: {fg: {c8: "green", c256: 114}}, fail: {fg: "bright-red"}, header: {fg: 33,},},}"#
                    .utf8), file: "t.json5", warnings: &w)
        #expect(t.resolve(depth: .c8)[.pass].fg == 2)
        #expect(t.resolve(depth: .c16)[.pass].fg == 2)
        #expect(t.resolve(depth: .c256)[.pass].fg == 114)
        #expect(t.resolve(depth: .c8)[.fail].fg == -1)  // bright-red does not exist in 8 colours
        #expect(t.resolve(depth: .c16)[.fail].fg == 9)
        #expect(t.resolve(depth: .c256)[.title].fg == 33)  // title falls back to header
        #expect(w.isEmpty)
    }

    @Test(arguments: [
        (#"{version: 1, roles: {pass: {fg: "grene"}}}"#, "roles.pass.fg: unknown colour \"grene\""),
        (#"{version: 1, roles: {pass: {fg: {c8: 9}}}}"#, "roles.pass.fg.c8: colour index 9 is outside -1...7"),
        (#"{version: 1, roles: {pass: {bold: "yes"}}}"#, "roles.pass.bold: expected Bool"),
        (#"{version: 1, roles: {pass: {colour: "red"}}}"#, "roles.pass.colour: unknown key \"colour\""),
        (#"{roles: {}}"#, "version: missing (required)"),
        (#"{version: 2, roles: {}}"#, "theme version 2 is newer than this ptscope reads (version 1)"),
        (#"{version: 1, roles: {pass: {}"#, "not valid JSON5"),
    ])
    func badThemesNameTheFileAndTheProblem(_ text: String, _ expected: String) {
        var w: [String] = []
        do {
            _ = try Theme.decode(Data(text.utf8), file: "bad.json5", warnings: &w)
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.description.hasPrefix("bad.json5: "))
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func aBadThemeFileFallsBackToDefaultWithAWarning() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ptscope-bad-theme-\(UUID().uuidString).json5")
        try Data(#"{version: 1, roles: {pass: {fg: "nope"}}}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let (theme, warnings) = ThemeLoader.load(url.path)
        #expect(theme.name == "default")
        #expect(warnings.count == 1 && warnings[0].contains(url.path) && warnings[0].contains("using default"))
        let (_, missing) = ThemeLoader.load("no-such-theme")
        #expect(missing.first?.contains("no such theme") == true)
    }

    @Test func unknownRolesAreWarnedAbout() throws {
        var w: [String] = []
        _ = try Theme.decode(Data(#"{version: 1, roles: {passs: {}}, extra: 1}"#.utf8), file: "t.json5", warnings: &w)
        #expect(w.count == 2)
        #expect(w.contains { $0.contains("roles.passs: unknown role") })
        #expect(w.contains { $0.contains("extra: unknown key") })
    }
}
