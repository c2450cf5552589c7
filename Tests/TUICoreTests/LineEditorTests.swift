import TUICore
import Testing

@Suite("LineEditor")
struct LineEditorTests {
    func edited(_ text: String, _ edits: LineEditor.Edit...) -> LineEditor {
        var line = LineEditor(text)
        for e in edits { line.apply(e) }
        return line
    }

    @Test func insertsAndDeletesAtTheCursor() {
        let line = edited("ac", .left, .insert("b"))
        #expect(line.text == "abc" && line.beforeCursor == "ab" && line.afterCursor == "c")
        #expect(edited("abc", .left, .deleteBackward).text == "ac")
        #expect(edited("abc", .left, .deleteForward).text == "ab")
        #expect(edited("abc", .start, .deleteBackward).text == "abc")
        #expect(edited("abc", .deleteForward).text == "abc")
    }

    @Test func wideAndCombinedCharactersMoveAndDeleteAsOne() {
        // "é" as e + combining acute is one Character; 漢 is one wide character.
        let line = edited("e\u{301}漢x", .left, .left, .deleteBackward)
        #expect(line.text == "漢x" && line.cursor == 0)
        #expect(edited("漢字", .left, .deleteBackward).text == "字")
    }

    @Test func wordsAndTheKillKeys() {
        #expect(edited("find the  cat", .deleteWordBackward).text == "find the  ")
        #expect(edited("find the  cat", .wordLeft, .wordLeft, .deleteWordBackward).text == "the  cat")
        #expect(edited("find the cat", .start, .wordRight, .deleteToEnd).text == "find")
        #expect(edited("find the cat", .wordLeft, .deleteToStart).text == "cat")
        #expect(edited("   ", .deleteWordBackward).text == "")
        let forward = edited("find the  cat", .start, .wordRight, .deleteWordForward)
        #expect(forward.text == "find  cat" && forward.cursor == 4)
        #expect(edited("find the  cat", .start, .deleteWordForward, .deleteWordForward).text == "  cat")
        #expect(edited("find", .deleteWordForward).text == "find")
        #expect(edited("", .left, .right, .wordLeft, .wordRight, .deleteToStart, .deleteToEnd).text == "")
    }

    @Test func theCursorStaysInsideTheLine() {
        let line = edited("ab", .right, .right, .end)
        #expect(line.cursor == 2)
        #expect(edited("ab", .start, .left, .left).cursor == 0)
    }
}
