import TUICore
import Testing

@Suite("Glyphs")
struct GlyphsTests {
    /// The ASCII stand-ins: those the explorer showed (its `asciiOnly` map, the list's annotation
    /// letters, the ASCII border), except where one meant two things (`+` pass and extra, `*` gold,
    /// preferred and search match: issue 11).
    @Test(arguments: [
        ("ellipsis", "…", "~"), ("dot", "·", "."), ("pending", "·", "."), ("bullet", "•", ">"),
        ("dash", "—", "-"), ("cursor", "█", "_"), ("insertionPoint", "⟂", "_"), ("missing", "−", "-"),
        ("gold", "●", "*"), ("predicted", "◆", "@"), ("preferred", "★", "^"), ("arrow", "→", ">"),
        ("arrowLeft", "←", "<"), ("arrowUp", "↑", "^"), ("arrowDown", "↓", "v"),
        ("arrowBoth", "↔", "<>"), ("corrected", "✎", "C"), ("flagged", "⚑", "F"),
        ("confirmed", "☑", "K"), ("pass", "✓", "o"), ("fail", "✗", "x"), ("bar", "█", "#"),
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

    /// Marks that can stand side by side (a list row, the call diff, the catalog, the help's
    /// legend): two that differ in Unicode differ in ASCII too, so no ASCII mark means two things.
    @Test func asciiMarksAreAsDistinctAsTheUnicodeOnes() {
        let marks = [
            "pass", "fail", "format", "pending", "match", "mismatch", "missing", "extra", "gold", "predicted", "preferred",
            "corrected", "flagged", "confirmed", "bullet",
        ]
        for a in marks {
            for b in marks where a < b && glyph(.ascii, a) == glyph(.ascii, b) {
                #expect(glyph(.unicode, a) == glyph(.unicode, b), "\(a) and \(b) are both \(glyph(.ascii, a) ?? "") in ASCII")
            }
        }
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
