import CNcursesw
import TUICore

// MARK: - Reading the screen back

extension NcursesTerminal {
    /// Row `y` as curses holds it, from column `x` on (a wide grapheme appears once), trailing
    /// spaces removed. For tests: it shows what the terminal was told, not the frame buffer.
    public func rowText(_ y: Int, from x: Int = 0) -> String {
        select()
        let columns = Int(getmaxx(window))
        guard y >= 0 && y < Int(getmaxy(window)) && x >= 0 && x < columns else { return "" }
        let capacity = (columns - x) * Int(ptscope_ccharw_max()) + 1
        var buffer = [wchar_t](repeating: 0, count: capacity)
        guard mvwinnwstr(window, Int32(y), Int32(x), &buffer, Int32(capacity - 1)) != ERR else { return "" }
        var text = ""
        for c in buffer {
            if c == 0 { break }
            if let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: c)) { text.unicodeScalars.append(scalar) }
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// What curses holds in one cell: its text, attributes and colours.
    struct CellProbe: Equatable {
        var text: String
        var bold: Bool
        var underline: Bool
        var reverse: Bool
        var dim: Bool
        /// The extended colour pair (0: the default colours).
        var pair: Int
        var fg: Int
        var bg: Int
    }

    /// The cell at (`x`, `y`) as curses holds it, or nil outside the screen (tests).
    func probe(x: Int, y: Int) -> CellProbe? {
        select()
        var chars = [wchar_t](repeating: 0, count: Int(ptscope_ccharw_max()) + 1)
        var attrs: attr_t = 0
        var pair: Int32 = 0
        guard ptscope_get_cell(window, Int32(y), Int32(x), &chars, &attrs, &pair) != ERR else { return nil }
        var text = ""
        for c in chars {
            if c == 0 { break }
            if let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: c)) { text.unicodeScalars.append(scalar) }
        }
        var fg: Int32 = -1
        var bg: Int32 = -1
        if pair != 0 { extended_pair_content(pair, &fg, &bg) }
        return CellProbe(
            text: text,
            bold: attrs & ptscope_a_bold() != 0,
            underline: attrs & ptscope_a_underline() != 0,
            reverse: attrs & ptscope_a_reverse() != 0,
            dim: attrs & ptscope_a_dim() != 0,
            pair: Int(pair), fg: Int(fg), bg: Int(bg))
    }
}
