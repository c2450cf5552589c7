import Foundation
import TUICore
import Testing

@testable import NcursesBackend

// MARK: - Helpers

/// A small theme with one colour per depth, so colour pairs and attributes can be asserted.
private let themeText = """
    {
      version: 1,
      name: "backend-test",
      roles: {
        normal: {},
        header: { fg: { c8: "cyan", c256: 117 }, bold: true },
        selection: { fg: { c8: "white", c256: 255 }, bg: { c8: "blue", c256: 24 }, mono: { reverse: true } },
        fail: { fg: { c8: "red", c256: 203 }, mono: { bold: true, underline: true } },
      },
    }
    """

private func theme(_ depth: ColorDepth, sourceLocation: SourceLocation = #_sourceLocation) throws -> ResolvedTheme {
    var warnings: [String] = []
    let theme = try Theme.decode(Data(themeText.utf8), file: "backend-test.json5", warnings: &warnings)
    #expect(warnings.isEmpty, sourceLocation: sourceLocation)
    return theme.resolve(depth: depth)
}

private func headless(
    width: Int = 80, height: Int = 24, term: String = "xterm-256color",
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> NcursesTerminal {
    try #require(NcursesTerminal.headless(width: width, height: height, term: term), sourceLocation: sourceLocation)
}

/// A headless terminal reading keys from a pipe; write bytes to the returned descriptor (the key
/// tests here and the Alt-key tests use it).
final class PipedTerminal {
    let terminal: NcursesTerminal
    let writeEnd: Int32

    init(mouse: Bool = false) throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let input = try #require(fdopen(fds[0], "r"))
        terminal = try #require(
            NcursesTerminal.headless(width: 80, height: 24, term: "xterm-256color", input: input, mouse: mouse))
        writeEnd = fds[1]
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
    }

    /// The keys read until the input is exhausted (a short timeout ends the list).
    func keys() -> [Key] {
        var out: [Key] = []
        while let key = terminal.readKey(timeoutMilliseconds: 100) { out.append(key) }
        return out
    }

    deinit { close(writeEnd) }
}

/// The frame most tests draw: ASCII, CJK with a marker after it, a styled header, a selection.
private func sampleFrame(width: Int = 80, height: Int = 24) -> ScreenBuffer {
    var b = ScreenBuffer(width: width, height: height)
    b.put("ptscope", x: 0, y: 0, role: .header)
    b.put("case 12 of 1083", x: 10, y: 0)
    b.put("用户 张伟|end", x: 2, y: 2)
    b.put("selected row", x: 0, y: 3, role: .selection)
    b.put("FAIL", x: 20, y: 3, role: .fail)
    return b
}

// MARK: - Tests

@Suite("NcursesTerminal (headless)", .serialized)
struct NcursesBackendTests {
    @Test func headlessTerminalHasTheRequestedSize() throws {
        let t = try headless()
        #expect(t.width == 80)
        #expect(t.height == 24)
        #expect(t.colorDepth == .c256)
        #expect(t.isUTF8)
        #expect(!t.interrupted)
        #expect(t.interruptSignal == 0)
    }

    @Test func unknownTerminalTypeGivesNil() {
        #expect(NcursesTerminal.headless(width: 80, height: 24, term: "no-such-terminal-type") == nil)
        let message = NcursesError.cannotOpenTerminal(term: "no-such-terminal-type").description
        #expect(message.contains("\"no-such-terminal-type\""))
        #expect(NcursesError.cannotOpenTerminal(term: nil).description.contains("TERM is not set"))
    }

    @Test func drawsAsciiWideCharactersAndStyles() throws {
        let t = try headless()
        let frame = sampleFrame()
        t.draw(frame, theme: try theme(.c256))

        #expect(t.cellsWritten == 80 * 24 - 4)  // the four continuation halves are covered, not written
        for y in 0..<24 { #expect(t.rowText(y) == frame.row(text: y), "row \(y)") }
        #expect(t.rowText(2) == "  用户 张伟|end")
        // "用户 张伟" is 9 columns: the marker lands at column 2 + 9 in curses as in the buffer.
        #expect(frame[11, 2].text == "|")
        #expect(t.rowText(2, from: 11) == "|end")
        #expect(t.probe(x: 11, y: 2)?.text == "|")
        #expect(t.probe(x: 2, y: 2)?.text == "用")
        #expect(t.probe(x: 7, y: 2)?.text == "张")

        let header = try #require(t.probe(x: 0, y: 0))
        #expect(header.text == "p" && header.bold && header.fg == 117 && header.bg == -1)
        let plain = try #require(t.probe(x: 10, y: 0))
        #expect(plain.pair == 0 && !plain.bold)
        let selected = try #require(t.probe(x: 0, y: 3))
        #expect(selected.fg == 255 && selected.bg == 24 && !selected.reverse)
        let fail = try #require(t.probe(x: 20, y: 3))
        #expect(fail.fg == 203 && fail.pair != selected.pair && fail.pair != header.pair)
    }

    @Test func secondDrawWritesOnlyTheChangedRun() throws {
        let t = try headless()
        let resolved = try theme(.c256)
        let first = sampleFrame()
        t.draw(first, theme: resolved)

        var second = first
        second.put("13", x: 15, y: 0)  // "case 12" -> "case 13": one cell changes
        let diff = FrameDiff(from: first, to: second)
        #expect(diff.cellCount == 1)
        t.draw(second, theme: resolved)
        #expect(t.cellsWritten == diff.cellCount)
        #expect(t.rowText(0) == "ptscope   case 13 of 1083")

        // Replacing a wide character with a narrow one rewrites the pair of columns.
        var third = second
        third.put("x", x: 2, y: 2)
        let wideDiff = FrameDiff(from: second, to: third)
        t.draw(third, theme: resolved)
        #expect(t.cellsWritten == wideDiff.cellCount)
        #expect(t.rowText(2) == third.row(text: 2))
        #expect(t.rowText(2) == "  x 户 张伟|end")
        #expect(t.rowText(2, from: 11) == "|end")

        // Nothing changed: nothing is written.
        t.draw(third, theme: resolved)
        #expect(t.cellsWritten == 0)
    }

    @Test func resizeThenDrawTheNewSize() throws {
        let t = try headless()
        let resolved = try theme(.c256)
        t.draw(sampleFrame(), theme: resolved)

        t.resize(width: 60, height: 15)
        #expect(t.width == 60)
        #expect(t.height == 15)
        var small = ScreenBuffer(width: 60, height: 15)
        small.put("60x15 frame", x: 0, y: 0, role: .header)
        small.put("用户 张伟", x: 50, y: 14)
        t.draw(small, theme: resolved)
        #expect(t.cellsWritten == 60 * 15 - 4)
        for y in 0..<15 { #expect(t.rowText(y) == small.row(text: y), "row \(y)") }
        #expect(t.rowText(2) == "")  // nothing of the 80x24 frame survives
    }

    @Test func bottomRightCellIsWritten() throws {
        let t = try headless()
        let resolved = try theme(.c256)
        var b = ScreenBuffer(width: 80, height: 24)
        b.put("Z", x: 79, y: 23, role: .selection)
        b.put("A", x: 79, y: 22)
        t.draw(b, theme: resolved)
        #expect(t.rowText(23) == String(repeating: " ", count: 79) + "Z")
        #expect(t.rowText(22) == String(repeating: " ", count: 79) + "A")
        #expect(t.probe(x: 79, y: 23)?.bg == 24)

        // A wide character in the last two columns of the last row.
        var wide = b
        wide.put("张", x: 78, y: 23)
        t.draw(wide, theme: resolved)
        #expect(t.rowText(23) == String(repeating: " ", count: 78) + "张")
        #expect(t.rowText(0) == "")
    }

    @Test func wideCharacterAtTheRightEdgeBecomesASpace() throws {
        let t = try headless()
        var b = ScreenBuffer(width: 80, height: 24)
        // A hand-made cell that ScreenBuffer.put would never produce: a wide grapheme in the last column.
        b[79, 1] = Cell("张", width: 2)
        b.put("ok", x: 0, y: 1)
        t.draw(b, theme: try theme(.c256))
        #expect(t.rowText(1) == "ok")
    }

    @Test func monoDepthUsesAttributesAndNoColourPairs() throws {
        let t = try headless()
        t.draw(sampleFrame(), theme: try theme(.mono))
        for y in 0..<24 { #expect(t.rowText(y) == sampleFrame().row(text: y), "row \(y)") }
        let selected = try #require(t.probe(x: 0, y: 3))
        #expect(selected.reverse && selected.pair == 0)
        let fail = try #require(t.probe(x: 20, y: 3))
        #expect(fail.bold && fail.underline && fail.pair == 0)
    }

    @Test func terminalWithoutColoursDrawsWithoutPairs() throws {
        let t = try headless(term: "vt100")
        #expect(t.colorDepth == .mono)
        t.draw(sampleFrame(), theme: try theme(.c256))  // a coloured theme still draws
        #expect(t.rowText(0) == "ptscope   case 12 of 1083")
        #expect(t.probe(x: 0, y: 3)?.pair == 0)
    }

    @Test func eightColourTerminalUsesTheC8Colours() throws {
        let t = try headless(term: "xterm")
        #expect(t.colorDepth == .c8)
        t.draw(sampleFrame(), theme: try theme(.c8))
        let selected = try #require(t.probe(x: 0, y: 3))
        #expect(selected.fg == 7 && selected.bg == 4)
    }

    @Test func themeChangeAndInvalidateRedrawEverything() throws {
        let t = try headless()
        let frame = sampleFrame()
        t.draw(frame, theme: try theme(.c256))
        t.draw(frame, theme: try theme(.mono))
        #expect(t.cellsWritten == 80 * 24 - 4)
        #expect(t.probe(x: 0, y: 3)?.reverse == true)
        t.draw(frame, theme: try theme(.mono))
        #expect(t.cellsWritten == 0)
        t.invalidate()
        t.draw(frame, theme: try theme(.mono))
        #expect(t.cellsWritten == 80 * 24 - 4)
    }

    @Test func fullPairCacheStartsOverWithAFullRedraw() throws {
        let t = try headless()
        t.pairLimit = 3
        var resolved = try theme(.c256)
        resolved.styles[.muted] = TextStyle(fg: 9)
        var b = ScreenBuffer(width: 80, height: 24)
        b.put("h", x: 0, y: 0, role: .header)
        b.put("s", x: 1, y: 0, role: .selection)
        t.draw(b, theme: resolved)
        b.put("f", x: 2, y: 0, role: .fail)  // a third pair: still fits
        t.draw(b, theme: resolved)
        #expect(t.pairCacheResets == 0)
        #expect(t.cellsWritten == 1)

        b.put("m", x: 2, y: 0, role: .muted)  // a fourth colour pair: the cache starts over
        t.draw(b, theme: resolved)
        #expect(t.pairCacheResets == 1)
        #expect(t.cellsWritten == 80 * 24)
        let probes = (0..<3).compactMap { t.probe(x: $0, y: 0) }
        #expect(probes.map(\.text) == ["h", "s", "m"])
        #expect(probes.map(\.fg) == [117, 255, 9])
        #expect(Set(probes.map(\.pair)) == [1, 2, 3])
    }

    @Test func frameNeedingMorePairsThanExistDoesNotRedrawForever() throws {
        let t = try headless()
        t.pairLimit = 1
        let resolved = try theme(.c256)
        var b = ScreenBuffer(width: 80, height: 24)
        b.put("h", x: 0, y: 0, role: .header)
        b.put("s", x: 1, y: 0, role: .selection)
        t.draw(b, theme: resolved)
        #expect(t.probe(x: 0, y: 0)?.fg == 117)
        #expect(t.probe(x: 1, y: 0)?.pair == 0)  // no pair left: the terminal's colours

        b.put("S", x: 1, y: 0, role: .selection)
        t.draw(b, theme: resolved)
        #expect(t.pairCacheResets == 0)  // every cached pair is in use: starting over would not help
        #expect(t.cellsWritten == 1)
    }

    @Test func windowResizeAloneRedrawsEverything() throws {
        let t = try headless()
        let resolved = try theme(.c256)
        let frame = sampleFrame()
        t.draw(frame, theme: resolved)
        t.resize(width: 100, height: 30)
        t.draw(frame, theme: resolved)  // an 80x24 frame in a 100x30 window
        #expect(t.cellsWritten == 80 * 24 - 4)
        #expect(t.rowText(2) == "  用户 张伟|end")
    }

    @Test func restoreIsIdempotentAndStopsDrawing() throws {
        let t = try headless()
        t.draw(sampleFrame(), theme: try theme(.c256))
        t.restore()
        t.restore()
        var b = ScreenBuffer(width: 80, height: 24)
        b.put("after restore", x: 0, y: 0)
        t.draw(b, theme: try theme(.c256))
        #expect(t.rowText(0) == "ptscope   case 12 of 1083")
        #expect(t.readKey(timeoutMilliseconds: 0) == nil)
    }

    // MARK: - Keys

    @Test func readsKeysFromTheInput() throws {
        let p = try PipedTerminal()
        #expect(p.terminal.readKey(timeoutMilliseconds: 0) == nil)  // nothing yet: timeout
        // What xterm sends in keypad-transmit mode (keypad(win, TRUE)), as xterm-256color's terminfo says.
        p.send("q用\u{1b}OA\u{1b}OB\u{1b}OD\u{1b}OC\u{1b}[5~\u{1b}[6~\u{1b}OH\u{1b}OF\u{1b}[Z\u{1b}[3~")
        p.send("\u{1b}OP\u{1b}[15~\t\r\n\u{7f}\u{8}\u{3}\u{1a} ")
        #expect(
            p.keys() == [
                .char("q"), .char("用"), .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .backTab, .delete,
                .function(1), .function(5), .tab, .enter, .enter, .backspace, .backspace, .ctrl("c"), .ctrl("z"), .char(" "),
            ])
        p.send("\u{1b}")  // a lone Esc arrives after the escape delay
        #expect(p.keys() == [.escape])
    }

    @Test func readsMouseEventsWhenAskedFor() throws {
        let p = try PipedTerminal(mouse: true)
        // SGR mouse reports (xterm-256color's kmous is \E[<), one at a time: curses keeps only the
        // last of several reports that arrive in one read.
        p.send("\u{1b}[<0;10;5M")  // button 1 pressed at column 10, row 5 (1-based)
        #expect(p.keys() == [.mouse(MouseEvent(.click, x: 9, y: 4))])
        p.send("\u{1b}[<0;10;5m")  // released: no key, and no wait beyond the timeout
        #expect(p.keys() == [])
        p.send("\u{1b}[<2;10;5M")  // button 3: no key
        #expect(p.keys() == [])
        p.send("\u{1b}[<64;3;2M")
        #expect(p.keys() == [.mouse(MouseEvent(.wheelUp, x: 2, y: 1))])
        p.send("\u{1b}[<65;4;7M")
        #expect(p.keys() == [.mouse(MouseEvent(.wheelDown, x: 3, y: 6))])
    }

    @Test func resizeQueuesAResizeKey() throws {
        let p = try PipedTerminal()
        p.terminal.resize(width: 100, height: 30)
        #expect(p.keys() == [.resize])
        #expect(p.terminal.width == 100 && p.terminal.height == 30)
    }

    @Test(arguments: [
        (UInt32(27), Key.escape), (9, .tab), (10, .enter), (13, .enter), (127, .backspace), (8, .backspace),
        (1, .ctrl("a")), (3, .ctrl("c")), (26, .ctrl("z")), (0x41, .char("A")), (0x20, .char(" ")),
        (0x4F60, .char("你")), (0x1F600, .char("😀")),
    ])
    func mapsCharacters(value: UInt32, key: Key) {
        #expect(NcursesTerminal.key(character: value) == key)
    }

    @Test func ignoresOtherControlCharacters() {
        for value: UInt32 in [0, 28, 31, 0x85, 0x9F] { #expect(NcursesTerminal.key(character: value) == nil) }
    }
}
