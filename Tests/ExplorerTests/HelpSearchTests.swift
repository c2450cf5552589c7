import Evaluator
import TUICore
import Testing

@testable import Explorer

/// `/` in the help (matches highlighted, `n`/`N`, Esc clears) and help in several columns on a
/// wide terminal.
@Suite("Help search and columns")
struct HelpSearchTests {
    static func help(_ s: AppState) throws -> HelpOverlay {
        guard case .help(let h)? = s.overlay else { throw TriageSortTests.Failure("the help is not open") }
        return h
    }

    /// The rows of the screen with a cell in the match role.
    static func highlightedRows(_ s: AppState) -> [Int] {
        let buf = Screen.render(s)
        return (0..<s.height).filter { y in (0..<s.width).contains { buf[$0, y].role == .match } }
    }

    @Test func slashSearchesTheHelpNextPreviousAndEscClears() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char("?"), .char("/"))
        #expect(s.editor != nil, "a line at the bottom")
        Fixture.type(&s, "MATCH")
        // Highlighted while typing, any case.
        #expect(!Self.highlightedRows(s).isEmpty)
        Fixture.keys(&s, .enter)
        var h = try Self.help(s)
        #expect(h.query == "MATCH" && s.editor == nil)
        let page = Reducer.helpPage(s, h)
        #expect(page.matches.count >= 3, "several help lines say match")
        #expect(page.matches.allSatisfy { page.lines[$0].plain.lowercased().contains("match") })
        #expect(
            !page.lines.indices.contains { !page.matches.contains($0) && page.lines[$0].plain.lowercased().contains("match") })
        #expect(h.scroll.offset == min(page.matches[0], page.lines.count - Layout(s).overlayRows))
        #expect(Screen.text(s).contains("“MATCH” in \(page.matches.count) lines"))
        #expect(s.message?.contains("match 1/\(page.matches.count)") == true)
        // n: the next match below the top row; N: back; N from the first wraps to the last.
        Fixture.keys(&s, .char("n"))
        h = try Self.help(s)
        let second = page.matches.first { $0 > page.matches[0] }!
        #expect(h.scroll.offset == min(second, page.lines.count - Layout(s).overlayRows))
        #expect(s.message?.contains("match 2/") == true)
        Fixture.keys(&s, .char("g"), .char("N"))
        #expect(s.message?.contains("match \(page.matches.count)/\(page.matches.count)") == true)
        // Esc clears the search (the help stays), Esc again closes it.
        Fixture.keys(&s, .escape)
        #expect(try Self.help(s).query.isEmpty)
        #expect(Reducer.helpPage(s, try Self.help(s)).matches.isEmpty)
        Fixture.keys(&s, .escape)
        #expect(s.overlay == nil)
        // The case list's search is untouched by the help's.
        #expect(s.list.search.query.isEmpty)
    }

    @Test func aSearchWithoutMatchesSaysSo() throws {
        var s = Fixture.state(try Fixture.sample(), width: 120, height: 40)
        Fixture.keys(&s, .char("?"), .char("n"))
        #expect(s.message == "no search in the help: / searches")
        Fixture.keys(&s, .char("/"))
        Fixture.type(&s, "zzqx")
        Fixture.keys(&s, .enter)
        #expect(s.message == "no help line contains “zzqx”")
        #expect(Screen.text(s).contains("“zzqx” not found"))
    }

    @Test func sectionsFlowIntoBalancedColumnsEachWhole() {
        func block(_ n: Int, _ tag: String) -> [Line] { (0..<n).map { Line("\(tag)\($0)") } }
        let a = HelpLines.flow([block(3, "a"), block(3, "b"), block(3, "c"), block(3, "d")], into: 2)
        #expect(a.map(\.count) == [6, 6])
        let b = HelpLines.flow(
            [block(5, "a"), block(1, "b"), block(1, "c"), block(1, "d"), block(1, "e"), block(1, "f")], into: 2)
        #expect(b.map { $0.map(\.plain) } == [["a0", "a1", "a2", "a3", "a4"], ["b0", "c0", "d0", "e0", "f0"]])
        let c = HelpLines.flow([block(2, "a"), block(2, "b"), block(2, "c")], into: 3)
        #expect(c.map(\.count) == [2, 2, 2])
        // Long help text wraps under itself inside its column.
        let wrapped = HelpLines.wrap(Line([Span("  k   ", .key), Span("one two three four")]), width: 14)
        #expect(wrapped.map(\.plain) == ["  k   one two", "      three", "      four"])
        #expect(wrapped.allSatisfy { $0.width <= 14 })
    }

    @Test func atTwoHundredColumnsHelpUsesTwoColumns() throws {
        var s = Fixture.state(try Fixture.sample(), width: 200, height: 50)
        Fixture.keys(&s, .char("?"))
        let h = try Self.help(s)
        let page = Reducer.helpPage(s, h)
        #expect(page.columns == 2)
        let single = HelpLines.lines(glyphs: s.glyphs, first: h.first)
        #expect(page.lines.count < single.count * 2 / 3, "about half as tall")
        #expect(page.lines.allSatisfy { $0.width <= Layout(s).overlayWidth })
        // Every section title is on screen once, at the left of a column.
        for section in ExplorerKeymap.table.sections {
            let rows = page.lines.filter { $0.plain.contains(section.title) }
            #expect(rows.count == 1, "\(section.title)")
        }
        // Where each section starts (for :help TOPIC): its title on that row.
        let blocks = HelpLines.sections(glyphs: s.glyphs, first: h.first)
        #expect(page.sectionRows.count == blocks.count)
        for (block, row) in zip(blocks, page.sectionRows) {
            #expect(page.lines[row].plain.contains(block[0].plain), "\(block[0].plain) at row \(row)")
        }
        let narrow = HelpLines.page(glyphs: .unicode, width: 120)
        #expect(zip(HelpLines.sections(glyphs: .unicode), narrow.sectionRows).allSatisfy { narrow.lines[$1] == $0[0] })
        goldens.check("help-200x50", Screen.text(s))
        // Three columns from 240, one below 160 (the lines as before).
        #expect(HelpLines.page(glyphs: .unicode, width: 250).columns == 3)
        #expect(HelpLines.page(glyphs: .unicode, width: 158).lines == HelpLines.lines(glyphs: .unicode))
    }
}
