import Evaluator
import Explorer
import TUICore
import Testing

/// Golden text snapshots of the main screens (UPDATE_SNAPSHOTS=1 re-records; review the diff).
@Suite("Snapshots")
struct SnapshotTests {
    let data: ExplorerData

    init() throws { data = try Fixture.sample() }

    @Test func threePanesAt200x50() {
        let s = Fixture.state(data, width: 200, height: 50)
        goldens.check("main-200x50", Screen.text(s))
    }

    @Test func twoPanesOnAFailingCaseAt120x40() {
        var s = Fixture.state(data, width: 120, height: 40)
        Fixture.keys(&s, .char("]"), .char("]"))
        goldens.check("failing-case-120x40", Screen.text(s))
    }

    /// The role layer: where the selection, the focus and the verdict colours are, not only the text.
    @Test func selectionAndFocusInTheRoleLayer() {
        var s = Fixture.state(data, width: 120, height: 30)
        Fixture.keys(&s, .char("j"), .char("j"))
        goldens.check("roles-list-focused-120x30", buffer: Screen.render(s))
        Fixture.keys(&s, .enter)
        goldens.check("roles-case-focused-120x30", buffer: Screen.render(s))
        Fixture.keys(&s, .char("f"), .char("j"))
        goldens.check("roles-filter-120x30", buffer: Screen.render(s))
    }

    @Test func onePaneAt80x24() {
        var s = Fixture.state(data, width: 80, height: 24)
        goldens.check("list-80x24", Screen.text(s))
        Fixture.keys(&s, .char("]"), .enter)
        goldens.check("case-80x24", Screen.text(s))
        Fixture.keys(&s, .tab)
        goldens.check("catalog-80x24", Screen.text(s))
    }

    @Test func formatFailureMarksTheSpan() throws {
        var s = Fixture.state(data, width: 120, height: 40)
        let id = try #require(s.list.visible.first { s.scores!.primary.diagnosis($0).formatFailure?.range != nil })
        while s.selectedID != id { Fixture.keys(&s, .char("j")) }
        Fixture.keys(&s, .enter, .char("G"))
        let buf = Screen.render(s)
        goldens.check("format-failure-120x40", buf.text)
        #expect(buf.cells.contains { $0.role == .errorSpan }, "the failing span is marked")
    }

    @Test func cjkProfileAt120x40() throws {
        var s = Fixture.state(data, width: 120, height: 40)
        let id = try #require(data.cases.first { data.users[$0.user].name == "王芳" }?.id)
        while s.selectedID != id { Fixture.keys(&s, .char("j")) }
        Fixture.keys(&s, .char("c"))
        let buf = Screen.render(s)
        goldens.check("cjk-profile-120x40", buf.text)
        // Every row is exactly 120 columns wide: wide characters take two cells.
        for y in 0..<buf.height {
            let width = (0..<buf.width).reduce(0) { $0 + Int(buf[$1, y].width) }
            #expect(width == 120, "row \(y)")
        }
        #expect(buf.text.contains("王芳"))
    }

    @Test func escapeSequencesInTheDataAreShownEscaped() throws {
        let (hostile, folder) = try Fixture.hostile()
        var s = Fixture.state(hostile, width: 200, height: 50)
        let buf = Screen.render(s)
        goldens.check("escapes-200x50", buf.text)
        Fixture.keys(&s, .char("c"))
        let profile = Screen.render(s)
        Fixture.keys(&s, .char("r"))
        let raw = Screen.render(s)
        goldens.check("escapes-raw-200x50", raw.text.replacingOccurrences(of: folder, with: "$TMP"))
        #expect(profile.text.contains("\\x1b[1mkey\\u202e"), "a profile key is shown escaped")
        for b in [buf, profile, raw] {
            for cell in b.cells {
                for scalar in cell.text.unicodeScalars {
                    let v = scalar.value
                    #expect(
                        !(v < 0x20 || (v >= 0x7F && v < 0xA0) || (0x202A...0x202E).contains(v)),
                        "raw control U+\(String(v, radix: 16)) on screen")
                }
            }
        }
        #expect(buf.text.contains("\\x1b[31m"))
    }

    @Test func overlays() {
        var s = Fixture.state(data, width: 120, height: 40)
        Fixture.keys(&s, .char("?"))
        goldens.check("help-120x40", Screen.text(s))
        Fixture.keys(&s, .escape, .char("f"), .char("j"), .char(" "))
        goldens.check("filter-120x40", Screen.text(s))
        Fixture.keys(&s, .escape)
        goldens.check("filtered-list-120x40", Screen.text(s))
    }

    @Test func tooSmallAndAscii() {
        var s = Fixture.state(data, width: 59, height: 14)
        goldens.check("too-small-59x14", Screen.text(s))
        s = Fixture.state(data, width: 80, height: 24, glyphs: .ascii)
        goldens.check("ascii-80x24", Screen.text(s))
        #expect(Screen.render(s).cells.allSatisfy { $0.text.unicodeScalars.allSatisfy { $0.isASCII } || $0.text == "" })
    }

    @Test func theSelectedRowIsHighlighted() {
        let s = Fixture.state(data, width: 120, height: 40)
        let buf = Screen.render(s)
        let list = Layout(s).list!
        let y = list.y + 1 + Layout.listHeaderRows
        #expect((list.x + 1..<list.maxX - 1).allSatisfy { buf[$0, y].role == .selection })
        #expect(buf[list.x + 1, y + 1].role != .selection)
    }
}
