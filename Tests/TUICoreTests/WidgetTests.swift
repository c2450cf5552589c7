import TUICore
import Testing

@Suite("Line fitting")
struct LineFitTests {
    @Test func aLineThatFitsComesBackUnchanged() {
        let line = Line([Span("ab", .key), Span("cd")])
        #expect(line.fitted(to: 4, ellipsis: "…") == line)
        #expect(line.fitted(to: 9, ellipsis: "…") == line)
    }

    @Test func aCutLineKeepsWholeSpansThenCutsOneAndEndsInTheEllipsis() {
        let line = Line([Span("ab", .key), Span("cdef", .fail)])
        #expect(line.fitted(to: 5, ellipsis: "…") == Line([Span("ab", .key), Span("cd", .fail), Span("…", .muted)]))
        #expect(line.fitted(to: 3, ellipsis: "…") == Line([Span("ab", .key), Span("…", .muted)]))
        #expect(line.fitted(to: 2, ellipsis: "…") == Line([Span("a", .key), Span("…", .muted)]))
        let ascii = Line([Span("ab", .key), Span("cd", .fail), Span("~", .warning)])
        #expect(line.fitted(to: 5, ellipsis: "~", ellipsisRole: .warning) == ascii)
        // A wider ellipsis leaves less room.
        #expect(line.fitted(to: 5, ellipsis: "...").plain == "ab...")
    }

    @Test func aWideCharacterThatWouldStraddleTheCutIsLeftOut() {
        #expect(Line("ab王芳").fitted(to: 4, ellipsis: "…").plain == "ab…")
        #expect(Line("ab王芳").fitted(to: 5, ellipsis: "…").plain == "ab王…")
        #expect(Line("王芳").fitted(to: 2, ellipsis: "…").plain == "…")
    }

    @Test func narrowerThanTheEllipsisGivesTheEllipsisAlone() {
        #expect(Line("abc").fitted(to: 0, ellipsis: "…") == Line([Span("…", .muted)]))
        #expect(Line("abc").fitted(to: 1, ellipsis: "…") == Line([Span("…", .muted)]))
        #expect(Line([]).fitted(to: -1, ellipsis: "…") == Line([]))
    }
}

@Suite("Block")
struct BlockTests {
    @Test func aFocusedBlockWithItsTitle() {
        let block = Block(title: Line("Cases", .title), focused: true, glyphs: .unicode)
        let buf = rendered(block, 12, 4)
        #expect(
            buf.text
                == frame(
                    "┌─ Cases ──┐",
                    "│          │",
                    "│          │",
                    "└──────────┘"))
        #expect(
            buf.roleMap(letter)
                == frame(
                    "FFFtttttFFFF",
                    "F..........F",
                    "F..........F",
                    "FFFFFFFFFFFF"))
        #expect(block.inner(buf.area) == Rect(x: 1, y: 1, width: 10, height: 2))
    }

    @Test func unfocusedAsciiBorder() {
        let buf = rendered(Block(title: "List", focused: false, glyphs: .ascii), 10, 3)
        #expect(buf.text == frame("+- List -+", "|        |", "+--------+"))
        #expect(buf[0, 0].role == .border && buf[2, 0].role == .border && buf[3, 0].role == .normal)
    }

    @Test func aLongTitleIsCutWithTheEllipsis() {
        let buf = rendered(Block(title: "Overlong title", focused: false, glyphs: .unicode), 10, 2)
        #expect(buf.text == frame("┌─ Over…─┐", "└────────┘"))
        #expect(buf[7, 0].role == .muted && buf[6, 0].role == .normal)
        let ascii = rendered(Block(title: "Overlong title", focused: false, glyphs: .ascii), 10, 2)
        #expect(ascii.text == frame("+- Over~-+", "+--------+"))
    }

    @Test func aWideTitleIsCutBeforeAHalfCharacter() {
        // 5 columns for the title after its leading space: a third wide character would straddle the cut.
        let buf = rendered(Block(title: "王芳王芳", focused: false, glyphs: .unicode), 11, 2)
        #expect(buf.text == frame("┌─ 王芳…──┐", "└─────────┘"))
    }

    @Test func theScrollPositionFollowsTheTitleWhenLinesDoNotFit() {
        let scrolled = Block(title: Line("Case", .title), focused: false, scroll: (offset: 2, lines: 40), glyphs: .unicode)
        let buf = rendered(scrolled, 20, 10)
        #expect(buf.row(text: 0) == "┌─ Case 3-10/40 ───┐")
        #expect(buf[7, 0].role == .muted && buf[6, 0].role == .title)
        let fits = Block(title: Line("Case", .title), focused: false, scroll: (offset: 0, lines: 8), glyphs: .unicode)
        #expect(rendered(fits, 20, 10).row(text: 0) == "┌─ Case ───────────┐")
    }

    @Test func aNarrowBlockHasNoTitleAndATinyOneNothing() {
        #expect(rendered(Block(title: "Title", focused: false, glyphs: .unicode), 6, 2).text == frame("┌────┐", "└────┘"))
        let block = Block(title: "Title", focused: true, glyphs: .unicode)
        for (w, h) in [(1, 5), (5, 1), (0, 0)] {
            var buf = ScreenBuffer(width: 6, height: 6)
            buf.put("x", x: 0, y: 0)
            block.render(in: Rect(x: 0, y: 0, width: w, height: h), into: &buf)
            #expect(buf.text == "x\n\n\n\n\n", "\(w)x\(h)")
            #expect(block.inner(Rect(x: 3, y: 2, width: w, height: h)) == Rect(x: 3, y: 2, width: 0, height: 0))
        }
        // 2×2: the corners only.
        #expect(rendered(block, 2, 2).text == frame("┌┐", "└┘"))
    }

    @Test func renderingBlanksTheRectangleFirst() {
        var buf = ScreenBuffer(width: 5, height: 3)
        for y in 0..<3 { buf.put("xxxxx", x: 0, y: y, role: .fail) }
        Block(title: "", focused: false, glyphs: .ascii).render(in: Rect(x: 1, y: 0, width: 4, height: 3), into: &buf)
        #expect(buf.text == frame("x+--+", "x|  |", "x+--+"))
        #expect(buf[2, 1].role == .normal)
    }
}

@Suite("Paragraph")
struct ParagraphTests {
    let lines: [Line] = ["first", Line("second line", .muted), "third", "ab王芳", "fifth"]

    @Test func linesFromTheOffsetOnePerRowCutWithTheEllipsis() {
        let buf = rendered(Paragraph(lines, scroll: ScrollText(offset: 1), glyphs: .unicode), 6, 3)
        #expect(buf.text == frame("secon…", "third", "ab王芳"))
        #expect(buf[0, 0].role == .muted)
    }

    @Test func aWideCharacterAtTheEdgeIsCut() {
        let buf = rendered(Paragraph(lines, scroll: ScrollText(offset: 3), glyphs: .unicode), 4, 2)
        #expect(buf.text == frame("ab…", "fif…"))
        let five = rendered(Paragraph(lines, scroll: ScrollText(offset: 3), glyphs: .ascii), 5, 1)
        #expect(five.text == "ab王~")
    }

    @Test func drawsInsideItsRectangleOnly() {
        var buf = ScreenBuffer(width: 8, height: 4)
        Paragraph(lines, glyphs: .unicode).render(in: Rect(x: 2, y: 1, width: 4, height: 2), into: &buf)
        #expect(buf.text == frame("", "  fir…", "  sec…", ""))
    }

    @Test func emptyCases() {
        #expect(rendered(Paragraph([], glyphs: .unicode), 5, 2).text == frame("", ""))
        #expect(rendered(Paragraph(lines, scroll: ScrollText(offset: 9), glyphs: .unicode), 5, 2).text == frame("", ""))
        #expect(rendered(Paragraph(lines, glyphs: .unicode), 5, 1).text == "first")
        var buf = ScreenBuffer(width: 5, height: 2)
        Paragraph(lines, glyphs: .unicode).render(in: Rect(x: 0, y: 0, width: 5, height: 0), into: &buf)
        #expect(buf.text == frame("", ""))
    }
}

@Suite("SelectableList")
struct SelectableListTests {
    let rows: [Line] = [
        "zero", Line([Span("one ", .key), Span("1", .fail)]), "two", "three has a long name", "four",
    ]

    @Test func aFocusedListPaintsTheWholeSelectedRow() {
        let list = SelectableList(rows, cursor: ListCursor(index: 2, top: 1), focused: true, glyphs: .unicode)
        let buf = rendered(list, 8, 3)
        #expect(buf.text == frame("one 1", "two", "three h…"))
        #expect(buf.roleMap(letter) == frame("kkkk?...", "ssssssss", ".......m"))
    }

    @Test func anUnfocusedListKeepsTheBackgroundAndAccentsTheText() {
        let list = SelectableList(rows, cursor: ListCursor(index: 1, top: 1), focused: false, glyphs: .unicode)
        let buf = rendered(list, 8, 2)
        #expect(buf.text == frame("one 1", "two"))
        #expect(buf.roleMap(letter) == frame("aaaaa...", "........"))
    }

    @Test func theSelectedRowOfACutLineKeepsAMutedEllipsis() {
        let list = SelectableList(rows, cursor: ListCursor(index: 3, top: 3), focused: true, glyphs: .ascii)
        let buf = rendered(list, 8, 1)
        #expect(buf.text == "three h~")
        #expect(buf.roleMap(letter) == "sssssssm")
    }

    @Test func aRowThatIsNotSelectableIsNeverHighlighted() {
        let list = SelectableList(
            rows, cursor: ListCursor(index: 2, top: 0), focused: true, selectable: [1, 3], glyphs: .unicode)
        let buf = rendered(list, 6, 5)
        #expect(!buf.roleMap(letter).contains("s"))
        var on = list
        on.cursor.index = 3
        #expect(rendered(on, 6, 5).roleMap(letter).split(separator: "\n")[3] == "sssssm")
    }

    @Test func wideCharactersCutAtTheEdge() {
        let list = SelectableList(["王芳王芳"], cursor: ListCursor(), focused: true, glyphs: .unicode)
        let buf = rendered(list, 6, 1)
        #expect(buf.text == "王芳…")
        #expect(buf.roleMap(letter) == "ssssms")
    }

    @Test func noRowsOrNoRoomDrawNothing() {
        #expect(rendered(SelectableList([], cursor: ListCursor(), focused: true, glyphs: .unicode), 4, 2).text == frame("", ""))
        #expect(
            rendered(SelectableList([], cursor: ListCursor(), focused: true, glyphs: .unicode), 4, 2).roleMap(letter)
                == frame("....", "...."))
        var buf = ScreenBuffer(width: 4, height: 2)
        let list = SelectableList(rows, cursor: ListCursor(), focused: true, glyphs: .unicode)
        list.render(in: Rect(x: 0, y: 0, width: 4, height: 0), into: &buf)
        #expect(buf.text == frame("", ""))
        list.render(in: Rect(x: 0, y: 1, width: 4, height: 1), into: &buf)
        #expect(buf.text == frame("", "zero") && buf.roleMap(letter) == frame("....", "ssss"))
    }
}

@Suite("StatusLine")
struct StatusLineTests {
    let hints = [
        StatusLine.Hint(key: "j", label: "move"), StatusLine.Hint(key: "Enter", label: "open"),
        StatusLine.Hint(key: "?", label: "help", keep: true), StatusLine.Hint(key: "q", label: "quit", keep: true),
    ]

    @Test func hintsAreDroppedFromTheRightUntilTheyFit() {
        let status = StatusLine(left: Line(" LIST ", .key), hints: hints, glyphs: .unicode)
        let buf = rendered(status, 40, 1)
        #expect(buf.text == " LIST          j move · ? help · q quit")
        #expect(buf.roleMap(letter) == "kkkkkk" + "SSSSSSSSS" + "K" + "SSSSSSSS" + "K" + "SSSSSSSS" + "K" + "SSSSSS")
        #expect(rendered(status, 44, 1).text == " LIST              j move · ? help · q quit")
        #expect(rendered(status, 45, 1).text == " LIST  j move · Enter open · ? help · q quit")
    }

    @Test func theKeptHintsStayWhenNothingElseFits() {
        let status = StatusLine(left: Line(" LIST ", .key), hints: hints, glyphs: .ascii)
        #expect(status.shownHints(width: 16).map(\.key) == ["?", "q"])
        #expect(rendered(status, 16, 1).text == "? help . q quit")
        // Too narrow even for the kept hints: they are not drawn, and the left text has no room.
        #expect(rendered(status, 14, 1).text == "")
        #expect(rendered(status, 14, 1).roleMap(letter) == String(repeating: "S", count: 14))
    }

    @Test func theLeftTextIsCutToTheRoomTheHintsLeave() {
        let status = StatusLine(left: Line(" a long message that does not fit"), hints: hints, glyphs: .unicode)
        // The left text claims at most half the line for the hints' room, then takes what they leave.
        #expect(rendered(status, 40, 1).text == " a long message that d… ? help · q quit")
        // A left text wider than half the line still leaves the hints half of it.
        let half = StatusLine(left: Line(String(repeating: "m", count: 30)), hints: hints, glyphs: .unicode)
        #expect(rendered(half, 52, 1).text == String(repeating: "m", count: 25) + "… j move · ? help · q quit")
        // 8 columns for the text: a fourth wide character would straddle the cut.
        let wide = StatusLine(left: Line(" 王芳王芳王芳王芳"), hints: [hints[3]], glyphs: .unicode)
        #expect(rendered(wide, 17, 1).text == " 王芳王…  q quit")
    }

    @Test func aZeroRectDrawsNothing() {
        var buf = ScreenBuffer(width: 10, height: 1)
        StatusLine(left: "x", hints: hints, glyphs: .unicode).render(in: Rect(x: 0, y: 0, width: 10, height: 0), into: &buf)
        #expect(buf.roleMap(letter) == "..........")
    }
}
