import TUICore
import Testing

@Suite("ListCursor")
struct ListCursorTests {
    /// `motions` applied in turn from `start`, each as `move(_:count:rows:)`.
    func moved(_ start: ListCursor, _ motions: [Motion], count: Int, rows: Int) -> ListCursor {
        var c = start
        for m in motions { c.move(m, count: count, rows: rows) }
        return c
    }

    @Test func movingDownScrollsTheLeastThatShowsTheIndex() {
        #expect(moved(ListCursor(), [.by(1), .by(1)], count: 10, rows: 3) == ListCursor(index: 2, top: 0))
        #expect(moved(ListCursor(), [.by(1), .by(1), .by(1)], count: 10, rows: 3) == ListCursor(index: 3, top: 1))
        #expect(moved(ListCursor(index: 3, top: 1), [.by(-1), .by(-1)], count: 10, rows: 3) == ListCursor(index: 1, top: 1))
        #expect(moved(ListCursor(index: 1, top: 1), [.by(-1)], count: 10, rows: 3) == ListCursor(index: 0, top: 0))
    }

    @Test func aPageIsTheRowsLessOneAndAtLeastOne() {
        #expect(moved(ListCursor(), [.pageDown], count: 10, rows: 3) == ListCursor(index: 2, top: 0))
        #expect(moved(ListCursor(), [.pageDown, .pageDown], count: 10, rows: 3) == ListCursor(index: 4, top: 2))
        #expect(moved(ListCursor(index: 4, top: 2), [.pageUp], count: 10, rows: 3) == ListCursor(index: 2, top: 2))
        #expect(moved(ListCursor(), [.pageDown], count: 10, rows: 1) == ListCursor(index: 1, top: 1))
        #expect(Motion.page(rows: 0) == 1 && Motion.page(rows: 20) == 19)
    }

    @Test func theEndsAndTheEdgesClamp() {
        #expect(moved(ListCursor(), [.last], count: 10, rows: 3) == ListCursor(index: 9, top: 7))
        #expect(moved(ListCursor(index: 9, top: 7), [.first], count: 10, rows: 3) == ListCursor(index: 0, top: 0))
        #expect(moved(ListCursor(index: 9, top: 7), [.by(5)], count: 10, rows: 3) == ListCursor(index: 9, top: 7))
        #expect(moved(ListCursor(index: 1, top: 0), [.by(-5)], count: 10, rows: 3) == ListCursor(index: 0, top: 0))
        // Saturating, not wrapping around.
        #expect(moved(ListCursor(index: 5, top: 3), [.by(Int.max)], count: 10, rows: 3) == ListCursor(index: 9, top: 7))
        #expect(moved(ListCursor(index: 5, top: 3), [.by(Int.min)], count: 10, rows: 3) == ListCursor(index: 0, top: 0))
    }

    @Test func anEmptyListHoldsTheCursorAtZero() {
        #expect(moved(ListCursor(index: 4, top: 2), [.by(1)], count: 0, rows: 3) == ListCursor(index: 0, top: 0))
        #expect(moved(ListCursor(), [.last], count: 0, rows: 3) == ListCursor(index: 0, top: 0))
        var c = ListCursor(index: 4, top: 2)
        c.clamp(count: 0, rows: 0)
        #expect(c == ListCursor(index: 0, top: 0))
    }

    @Test func aShrunkListPullsTheCursorAndFillsTheLastPage() {
        var c = ListCursor(index: 8, top: 6)
        c.clamp(count: 5, rows: 3)
        #expect(c == ListCursor(index: 4, top: 2))
        // Fewer rows than before: top moves down just enough.
        c = ListCursor(index: 6, top: 2)
        c.clamp(count: 20, rows: 3)
        #expect(c == ListCursor(index: 6, top: 4))
        // No rows at all counts as one.
        c = ListCursor(index: 6, top: 2)
        c.clamp(count: 20, rows: 0)
        #expect(c == ListCursor(index: 6, top: 6))
    }

    @Test func theWheelMovesTopAndDragsTheIndexAlong() {
        var c = ListCursor(index: 2, top: 0)
        c.scroll(by: 3, count: 20, rows: 5)
        #expect(c == ListCursor(index: 3, top: 3))
        c.scroll(by: 3, count: 20, rows: 5)
        #expect(c == ListCursor(index: 6, top: 6))
        c = ListCursor(index: 8, top: 6)
        c.scroll(by: -3, count: 20, rows: 5)
        #expect(c == ListCursor(index: 7, top: 3))
        c.scroll(by: -9, count: 20, rows: 5)
        #expect(c == ListCursor(index: 4, top: 0))
        // Past the end top stops at the last page; the index keeps its row.
        c = ListCursor(index: 15, top: 15)
        c.scroll(by: 3, count: 20, rows: 5)
        #expect(c == ListCursor(index: 18, top: 15))
    }

    @Test func clampKeepingTopDoesNotScrollToTheIndex() {
        var kept = ListCursor(index: 5, top: 12)
        kept.clampKeepingTop(count: 20, rows: 5)
        #expect(kept == ListCursor(index: 5, top: 12))
        var scrolled = ListCursor(index: 5, top: 12)
        scrolled.clamp(count: 20, rows: 5)
        #expect(scrolled == ListCursor(index: 5, top: 5))
        kept = ListCursor(index: 30, top: 30)
        kept.clampKeepingTop(count: 20, rows: 5)
        #expect(kept == ListCursor(index: 19, top: 15))
    }

    @Test func aClickSelectsARowShownThatExists() {
        var c = ListCursor(index: 5, top: 4)
        c.click(row: 2, count: 20, rows: 5)
        #expect(c == ListCursor(index: 6, top: 4))
        c.click(row: 2, count: 6, rows: 5)
        #expect(c == ListCursor(index: 5, top: 1))
        c.click(row: -1, count: 20, rows: 5)
        #expect(c == ListCursor(index: 5, top: 1))
    }

    @Test func positionIsThePaneTitleSuffix() {
        #expect(ListCursor(index: 5, top: 2).position(count: 40, rows: 8) == " 3-10/40")
        #expect(ListCursor(index: 5, top: 2).position(count: 8, rows: 8) == "")
    }
}

@Suite("ListCursor over selectable rows")
struct SelectableCursorTests {
    /// Rows 0…9; 0, 4, 7 and 9 are headings.
    let selectable = [1, 2, 3, 5, 6, 8]

    func moved(_ start: ListCursor, _ motion: Motion, rows: Int = 4) -> ListCursor {
        var c = start
        c.moveSelectable(motion, selectable: selectable, count: 10, rows: rows)
        return c
    }

    @Test func downGoesToTheNearestSelectableRowAtOrAfterTheTarget() {
        #expect(moved(ListCursor(index: 1, top: 0), .by(1)) == ListCursor(index: 2, top: 0))
        #expect(moved(ListCursor(index: 3, top: 0), .by(1)) == ListCursor(index: 5, top: 2))
        #expect(moved(ListCursor(index: 1, top: 0), .pageDown) == ListCursor(index: 5, top: 2))
        #expect(moved(ListCursor(index: 1, top: 0), .last) == ListCursor(index: 8, top: 5))
        // Past the last selectable row: the last one.
        #expect(moved(ListCursor(index: 8, top: 5), .by(1)) == ListCursor(index: 8, top: 5))
        // A zero move snaps a cursor on a heading onto the next selectable row.
        #expect(moved(ListCursor(index: 0, top: 0), .by(0)) == ListCursor(index: 1, top: 0))
    }

    @Test func upGoesToTheNearestSelectableRowAtOrBeforeTheTarget() {
        #expect(moved(ListCursor(index: 5, top: 2), .by(-1)) == ListCursor(index: 3, top: 2))
        #expect(moved(ListCursor(index: 3, top: 2), .by(-1)) == ListCursor(index: 2, top: 2))
        // Above the rows shown: top goes one row above the cursor, so its heading shows.
        #expect(moved(ListCursor(index: 8, top: 8), .by(-1)) == ListCursor(index: 6, top: 5))
        // Reaching the first selectable row shows the list from its start.
        #expect(moved(ListCursor(index: 2, top: 2), .by(-1)) == ListCursor(index: 1, top: 0))
        #expect(moved(ListCursor(index: 8, top: 5), .first) == ListCursor(index: 1, top: 0))
        #expect(moved(ListCursor(index: 8, top: 5), .pageUp) == ListCursor(index: 5, top: 5))
        #expect(moved(ListCursor(index: 8, top: 5), .by(Int.min)) == ListCursor(index: 1, top: 0))
    }

    @Test func reachingTheFirstSelectableRowGoingUpShowsTheRowsAboveIt() {
        // Rows 0…2 are a note and headings: going up onto row 3 shows them even when row 3 was shown.
        var c = ListCursor(index: 5, top: 2)
        c.moveSelectable(.by(-1), selectable: [3, 5], count: 8, rows: 4)
        #expect(c == ListCursor(index: 3, top: 0))
        // Going down onto it does not.
        c = ListCursor(index: 3, top: 2)
        c.moveSelectable(.by(0), selectable: [3, 5], count: 8, rows: 4)
        #expect(c == ListCursor(index: 3, top: 2))
    }

    @Test func withNothingSelectableTheRowsScroll() {
        var c = ListCursor(index: 0, top: 0)
        c.moveSelectable(.by(3), selectable: [], count: 10, rows: 4)
        #expect(c == ListCursor(index: 0, top: 3))
        c.moveSelectable(.last, selectable: [], count: 10, rows: 4)
        #expect(c == ListCursor(index: 0, top: 6))
        c.moveSelectable(.by(-2), selectable: [], count: 10, rows: 4)
        #expect(c == ListCursor(index: 0, top: 4))
        c.moveSelectable(.first, selectable: [], count: 10, rows: 4)
        #expect(c == ListCursor(index: 0, top: 0))
        c.moveSelectable(.pageDown, selectable: [], count: 3, rows: 4)
        #expect(c == ListCursor(index: 0, top: 0))
    }

    func stepped(_ start: ListCursor, _ motion: Motion, rows: Int = 3) -> ListCursor {
        var c = start
        c.stepSelectable(motion, selectable: selectable, rows: rows)
        return c
    }

    @Test func steppingCountsSelectableRows() {
        #expect(stepped(ListCursor(index: 0, top: 0), .by(1)) == ListCursor(index: 1, top: 0))
        #expect(stepped(ListCursor(index: 2, top: 0), .by(2)) == ListCursor(index: 5, top: 3))
        #expect(stepped(ListCursor(index: 5, top: 3), .pageDown) == ListCursor(index: 8, top: 6))
        #expect(stepped(ListCursor(index: 8, top: 6), .by(1)) == ListCursor(index: 8, top: 6))
        #expect(stepped(ListCursor(index: 8, top: 6), .by(-4)) == ListCursor(index: 2, top: 2))
        #expect(stepped(ListCursor(index: 2, top: 2), .by(-5)) == ListCursor(index: 1, top: 1))
        #expect(stepped(ListCursor(index: 0, top: 0), .by(-1)) == ListCursor(index: 0, top: 0))
        #expect(stepped(ListCursor(index: 0, top: 0), .last) == ListCursor(index: 8, top: 6))
        #expect(stepped(ListCursor(index: 8, top: 6), .first) == ListCursor(index: 1, top: 1))
        #expect(stepped(ListCursor(index: 3, top: 0), .by(Int.max)) == ListCursor(index: 8, top: 6))
        #expect(stepped(ListCursor(index: 3, top: 0), .by(Int.min)) == ListCursor(index: 1, top: 0))
    }
}

@Suite("ScrollText")
struct ScrollTextTests {
    @Test func scrollingStopsAtTheFirstLineAndClampsToTheLastPage() {
        var s = ScrollText()
        s.scroll(.by(3), rows: 10)
        #expect(s.offset == 3)
        s.scroll(.by(-5), rows: 10)
        #expect(s.offset == 0)
        s.scroll(.pageDown, rows: 10)
        #expect(s.offset == 9)
        s.scroll(.pageUp, rows: 10)
        #expect(s.offset == 0)
        // Not clamped until the lines are known; then the last page.
        s.scroll(.last, rows: 10)
        s.scroll(.last, rows: 10)
        s.scroll(.last, rows: 10)
        #expect(s.offset > 1_000_000)
        s.clamp(lines: 40, rows: 10)
        #expect(s.offset == 30)
        s.scroll(.first, lines: 40, rows: 10)
        #expect(s.offset == 0)
        s.scroll(.by(50), lines: 40, rows: 10)
        #expect(s.offset == 30)
        s.clamp(lines: 5, rows: 10)
        #expect(s.offset == 0)
    }

    @Test(arguments: [
        (2, 40, 8, " 3-10/40"), (35, 40, 8, " 36-40/40"), (0, 8, 8, ""), (0, 0, 8, ""), (0, 9, 8, " 1-8/9"),
    ])
    func positionText(_ offset: Int, _ lines: Int, _ rows: Int, _ text: String) {
        #expect(ScrollText(offset: offset).position(lines: lines, rows: rows) == text)
    }
}
