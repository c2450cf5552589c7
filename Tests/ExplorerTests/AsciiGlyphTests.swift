import Explorer
import TUICore
import Testing

/// Without a UTF-8 locale every symbol a view draws comes from `Glyphs.ascii`: none is left for
/// the last-resort `?` of characters the terminal cannot show.
@Suite("ASCII glyphs")
struct AsciiGlyphTests {
    @Test func twoRunsShowTheirRulesAndDeltasInAscii() throws {
        var s = Fixture.state(try Fixture.compared(), width: 200, height: 50, glyphs: .ascii)
        let detail = Screen.text(s)
        #expect(detail.contains("== Run A") && detail.contains("== Run B"), "\(detail)")
        Fixture.keys(&s, .char("d"))
        let dashboard = Screen.text(s)
        #expect(dashboard.contains("D B-A"), "\(dashboard)")
        // The body only: the status bar's `? help` is a real question mark.
        let body = dashboard.split(separator: "\n").dropLast().joined(separator: "\n")
        #expect(!body.contains("?"), "\(body)")
    }

    @Test func typographicQuotesAndDashesHaveAsciiStandIns() throws {
        var s = Fixture.state(try Fixture.compared(), width: 120, height: 40, glyphs: .ascii)
        Fixture.keys(&s, .char(":"))
        Fixture.type(&s, "run nope")
        Fixture.keys(&s, .enter)
        let status = try #require(Screen.text(s).split(separator: "\n").last)
        #expect(status.contains("no run \"nope\": A = strong-sim"), "\(status)")
    }

    @Test func theCatalogMarksAreAscii() throws {
        let s = Fixture.state(try Fixture.sample(), width: 200, height: 50, glyphs: .ascii)
        let text = Screen.text(s)
        #expect(text.contains("Teams * gold @ predicted ^ preferred"), "\(text)")
        #expect(!text.contains("F?"), "the short name F± has an ASCII form")
    }
}
