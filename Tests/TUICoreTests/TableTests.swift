import TUICore
import Testing

@Suite("Table")
struct TableTests {
    let columns = [
        Table.Column("#", alignment: .right, minWidth: 2, priority: 9),
        Table.Column("Name", minWidth: 4, maxWidth: 8, priority: 5),
        Table.Column("City", minWidth: 4, priority: 1),
        Table.Column("Score", alignment: .right, minWidth: 5, priority: 3),
    ]
    let rows: [[Line]] = [
        ["1", "Ada", "Paris", "9.5"],
        ["12", "Bartholomew", "Rome", "10.25"],
        ["3", "王芳", "東京都", "7"],
    ]

    func table(
        cursor: ListCursor = ListCursor(), focused: Bool = true, offset: Int = 0, sort: Table.Sort? = nil,
        glyphs: Glyphs = .unicode
    ) -> Table {
        Table(
            columns: columns, rows: rows, cursor: cursor, focused: focused, columnOffset: offset, sort: sort,
            glyphs: glyphs)
    }

    /// (column, x, width) triples.
    func places(_ t: Table, _ width: Int) -> [[Int]] {
        t.layout(width: width).map { [$0.column, $0.x, $0.width] }
    }

    // MARK: - Layout

    @Test func columnsAreAsWideAsTheirContentUpToTheirMaximum() {
        // # 2 (the cells), Name 8 (11 capped), City 6 (東京都), Score 5 (the title); one column between.
        #expect(places(table(), 24) == [[0, 0, 2], [1, 3, 8], [2, 12, 6], [3, 19, 5]])
        #expect(places(table(), 40) == [[0, 0, 2], [1, 3, 8], [2, 12, 6], [3, 19, 5]])
    }

    @Test func theLowestPriorityShrinksFirstThenTheNext() {
        #expect(places(table(), 22) == [[0, 0, 2], [1, 3, 8], [2, 12, 4], [3, 17, 5]])
        // City is at its minimum and Score already is: Name gives the rest.
        #expect(places(table(), 20) == [[0, 0, 2], [1, 3, 6], [2, 10, 4], [3, 15, 5]])
    }

    @Test func columnsAreDroppedLowestPriorityFirstWhenTheirMinimumsDoNotFit() {
        #expect(places(table(), 17) == [[0, 0, 2], [1, 3, 8], [3, 12, 5]])
        #expect(places(table(), 12) == [[0, 0, 2], [1, 3, 8]])
        #expect(places(table(), 7) == [[0, 0, 2], [1, 3, 4]])
        #expect(places(table(), 6) == [[0, 0, 2]])
        #expect(places(table(), 3) == [[0, 0, 2]])
        // A lone column wider than the table gets the table's width.
        #expect(places(table(), 1) == [[0, 0, 1]])
        #expect(places(table(), 0) == [])
    }

    @Test func equalPrioritiesDropTheRightmostFirst() {
        let t = Table(
            columns: [Table.Column("a", minWidth: 3), Table.Column("b", minWidth: 3), Table.Column("c", minWidth: 3)],
            rows: [], glyphs: .unicode)
        #expect(places(t, 11) == [[0, 0, 3], [1, 4, 3], [2, 8, 3]])
        #expect(places(t, 10) == [[0, 0, 3], [1, 4, 3]])
        #expect(places(t, 6) == [[0, 0, 3]])
    }

    @Test func theHorizontalOffsetHidesColumnsOnTheLeft() {
        #expect(places(table(offset: 1), 17) == [[1, 0, 6], [2, 7, 4], [3, 12, 5]])
        #expect(places(table(offset: 2), 12) == [[2, 0, 6], [3, 7, 5]])
        // Scrolling right brings a dropped column back.
        #expect(places(table(), 12).map { $0[0] } == [0, 1])
        #expect(places(table(offset: 2), 12).map { $0[0] } == [2, 3])
        // Past the last column: the last column alone; a negative offset counts as none.
        #expect(places(table(offset: 9), 12) == [[3, 0, 5]])
        #expect(places(table(offset: -2), 24) == places(table(), 24))
    }

    @Test func theSortMarkWidensItsColumn() {
        let t = table(sort: Table.Sort(column: 3, ascending: false))
        #expect(t.header(3) == "Score ▼" && t.header(2) == "City")
        #expect(places(t, 26) == [[0, 0, 2], [1, 3, 8], [2, 12, 6], [3, 19, 7]])
        #expect(table(sort: Table.Sort(column: 1, ascending: true), glyphs: .ascii).header(1) == "Name ^")
    }

    @Test func givenContentWidthsReplaceMeasuring() {
        var t = table()
        t.contentWidths = [1, 3, 3, 1]
        // Each column at its minimum (the content is narrower), Name at its content.
        #expect(places(t, 40) == [[0, 0, 2], [1, 3, 4], [2, 8, 4], [3, 13, 5]])
    }

    // MARK: - Rendering

    @Test func headerAndRowsAlignedInTheirColumns() {
        let buf = rendered(table(cursor: ListCursor(index: 1, top: 0)), 24, 4)
        #expect(
            buf.text
                == frame(
                    " # Name     City   Score",
                    " 1 Ada      Paris    9.5",
                    "12 Barthol… Rome   10.25",
                    " 3 王芳     東京都     7"))
        #expect(buf.roleMap(letter).split(separator: "\n")[0] == ".m.mmmm.....mmmm...mmmmm")
        #expect(buf.roleMap(letter).split(separator: "\n")[2] == "ssssssssss" + "m" + "sssssssssssss")
    }

    @Test func anUnfocusedTableAccentsTheSelectedRowsText() {
        let buf = rendered(table(cursor: ListCursor(index: 0, top: 0), focused: false), 24, 2)
        #expect(buf.roleMap(letter).split(separator: "\n")[1] == ".a.aaa......aaaaa....aaa")
    }

    @Test func wideCharactersAreCutInsideTheirColumn() {
        let buf = rendered(table(cursor: ListCursor(index: 0, top: 2)), 20, 2)
        #expect(buf.text == frame(" # Name   City Score", " 3 王芳   東…      7"))
    }

    @Test func rowsScrollWithTheCursorAndColumnsWithTheOffset() {
        let buf = rendered(table(cursor: ListCursor(index: 2, top: 1), offset: 2, glyphs: .ascii), 12, 3)
        #expect(buf.text == frame("City   Score", "Rome   10.25", "東京都     7"))
    }

    @Test func smallAndEmptyTables() {
        // One row: the header only.
        #expect(rendered(table(), 24, 1).text == " # Name     City   Score")
        // No rows: the header only, nothing selected.
        let empty = Table(columns: columns, rows: [], focused: true, glyphs: .unicode)
        let buf = rendered(empty, 24, 3)
        #expect(buf.text == frame(" # Name City Score", "", ""))
        #expect(!buf.roleMap(letter).contains("s"))
        // A row with fewer cells than columns leaves the rest blank.
        let short = Table(columns: columns, rows: [["7"]], glyphs: .unicode)
        #expect(rendered(short, 24, 2).text == frame(" # Name City Score", " 7"))
        var zero = ScreenBuffer(width: 4, height: 2)
        table().render(in: Rect(x: 0, y: 0, width: 4, height: 0), into: &zero)
        #expect(zero.text == frame("", ""))
        #expect(Table.bodyRows(in: Rect(x: 0, y: 0, width: 9, height: 5)) == 4)
        #expect(Table.bodyRows(in: Rect(x: 0, y: 0, width: 9, height: 0)) == 0)
    }

    @Test func aRowThatIsNotSelectableIsNotHighlighted() {
        var t = table(cursor: ListCursor(index: 1, top: 0))
        t.selectable = [0, 2]
        #expect(!rendered(t, 24, 4).roleMap(letter).contains("s"))
    }

    // MARK: - Frozen columns and horizontal scroll

    /// A label column (frozen, shrinks last) and three number columns that never shrink.
    func scrolled(offset: Int) -> Table {
        Table(
            columns: [
                Table.Column("Name", minWidth: 4, maxWidth: 8, priority: 1),
                Table.Column("A", alignment: .right, minWidth: 4), Table.Column("B", alignment: .right, minWidth: 2),
                Table.Column("C", alignment: .right, minWidth: 3),
            ], rows: [["Ada", "1", "22", "333"], ["Bartholomew", "4444", "5", "6"]], columnOffset: offset, frozen: 1,
            glyphs: .unicode)
    }

    @Test func aFrozenColumnStaysWhileTheOthersScrollAndAreDroppedFromTheRight() {
        // Everything fits at the minimums: only the label shrinks.
        #expect(places(scrolled(offset: 0), 16) == [[0, 0, 4], [1, 5, 4], [2, 10, 2], [3, 13, 3]])
        // Too narrow: the rightmost number column goes (never the frozen label), none is cut.
        #expect(places(scrolled(offset: 0), 14) == [[0, 0, 6], [1, 7, 4], [2, 12, 2]])
        // Scrolled by one: the label stays, A is hidden, C comes into view.
        #expect(places(scrolled(offset: 1), 14) == [[0, 0, 7], [2, 8, 2], [3, 11, 3]])
        // A lone frozen column is never dropped for the others.
        #expect(places(scrolled(offset: 0), 5).map { $0[0] } == [0])
    }

    @Test func overflowMarksSayWhereColumnsAreHidden() {
        let t0 = scrolled(offset: 0)
        let t1 = scrolled(offset: 1)
        #expect(t0.overflow(t0.layout(width: 14)) == (left: false, right: true))
        #expect(t1.overflow(t1.layout(width: 14)) == (left: true, right: false))
        #expect(t0.overflow(t0.layout(width: 30)) == (left: false, right: false))
        // The header: ← in the gap after the frozen column, → after the last column.
        #expect(t0.headerLine(t0.layout(width: 14)).plain == "Name      A  B →")
        #expect(t1.headerLine(t1.layout(width: 14)).plain == "Name   ← B   C")
        #expect(t0.headerLine(t0.layout(width: 30)).plain == "Name        A  B   C")
        // Rows: cut label, numbers whole and right-aligned, no trailing blanks.
        #expect(t1.rowLine(t1.rows[1], t1.layout(width: 14)).plain == "Bartho…  5   6")
        #expect(t1.rowLine(t1.rows[0], t1.layout(width: 14)).plain == "Ada     22 333")
    }
}
