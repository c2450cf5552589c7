import TUICore
import Testing

@Suite("Glyphs")
struct GlyphsTests {
    /// The stand-ins the explorer has shown in ASCII mode (its `asciiOnly` map, the list's
    /// annotation letters, the ASCII border): a view moved onto `Glyphs` keeps its ASCII frames.
    @Test(arguments: [
        ("ellipsis", "…", "~"), ("dot", "·", "."), ("pending", "·", "."), ("bullet", "•", "*"),
        ("dash", "—", "-"), ("cursor", "█", "_"), ("insertionPoint", "⟂", "_"), ("missing", "−", "-"),
        ("gold", "●", "*"), ("predicted", "◆", "@"), ("preferred", "★", "*"), ("arrow", "→", ">"),
        ("arrowLeft", "←", "<"), ("arrowUp", "↑", "^"), ("arrowDown", "↓", "v"),
        ("arrowBoth", "↔", "<>"), ("corrected", "✎", "C"), ("flagged", "⚑", "F"),
        ("confirmed", "☑", "K"), ("pass", "✓", "+"), ("fail", "✗", "x"), ("bar", "█", "#"),
        ("horizontal", "─", "-"), ("topLeft", "┌", "+"), ("heavyHorizontal", "━", "="),
        ("sortAscending", "▲", "^"), ("sortDescending", "▼", "v"),
    ])
    func asciiStandInsAreTheOnesShownToday(_ member: String, _ unicode: String, _ ascii: String) {
        #expect(glyph(.unicode, member) == unicode)
        #expect(glyph(.ascii, member) == ascii)
    }

    /// The member of `glyphs` named `name`.
    func glyph(_ glyphs: Glyphs, _ name: String) -> String? {
        Mirror(reflecting: glyphs).children.first { $0.label == name }?.value as? String
    }

    @Test func everyAsciiGlyphIsAscii() {
        for child in Mirror(reflecting: Glyphs.ascii).children {
            let glyph = child.value as? String ?? ""
            #expect(!glyph.isEmpty && glyph.utf8.allSatisfy { $0 < 0x80 }, "\(child.label ?? "?") = \(glyph)")
        }
    }

    @Test func everyUnicodeGlyphTakesAsManyColumnsAsItsText() {
        // One column each except the option boxes: a view can count on a glyph's width.
        for child in Mirror(reflecting: Glyphs.unicode).children {
            let glyph = child.value as? String ?? ""
            let name = child.label ?? "?"
            #expect(TextWidth.of(glyph) == (name == "selected" || name == "unselected" ? 3 : 1), "\(name) = \(glyph)")
        }
    }
}
