// MARK: - TextWidth

/// Display widths of text in terminal columns, computed here so tests and the terminal agree.
///
/// A scalar is 2 columns when Unicode calls it East Asian Wide or Fullwidth, 0 when it is a
/// combining mark or a format character, 1 otherwise (the rule of glibc's `wcwidth`, table in
/// `WidthTable.swift`, generated from Unicode 14). A grapheme takes the width of its first scalar.
public enum TextWidth {
    /// The columns a single scalar takes (control characters count 1: sanitize them first).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return 1 }
        if contains(WidthTable.zero, v) { return 0 }
        if v >= 0x1100 && contains(WidthTable.wide, v) { return 2 }
        return 1
    }

    /// The columns a grapheme cluster takes.
    public static func of(_ character: Character) -> Int {
        var first = true
        var width = 0
        for scalar in character.unicodeScalars {
            let w = of(scalar)
            if first {
                width = w
                first = false
            } else if width == 0 {
                width = w
            }
            // Emoji presentation selector makes a narrow emoji base wide.
            if scalar.value == 0xFE0F && width == 1 && character.unicodeScalars.first!.properties.isEmoji { width = 2 }
        }
        return width
    }

    /// The columns a string takes.
    public static func of(_ string: String) -> Int {
        var total = 0
        for ch in string {
            if ch.isASCII { total += 1 } else { total += of(ch) }
        }
        return total
    }

    private static func contains(_ table: [ClosedRange<UInt32>], _ v: UInt32) -> Bool {
        var lo = 0
        var hi = table.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = table[mid]
            if v < r.lowerBound {
                hi = mid - 1
            } else if v > r.upperBound {
                lo = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}

// MARK: - Truncation and wrapping

extension TextWidth {
    /// `text` cut to at most `width` columns, ending in `…` when something was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        if width <= 0 { return "" }
        if of(text) <= width { return text }
        var out = ""
        var used = 0
        for ch in text {
            let w = of(ch)
            if used + w > width - 1 { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }

    /// The longest prefix of `text` that fits in `width` columns (no ellipsis).
    public static func prefix(_ text: String, width: Int) -> String {
        var out = ""
        var used = 0
        for ch in text {
            let w = of(ch)
            if used + w > width { break }
            out.append(ch)
            used += w
        }
        return out
    }

    /// `text` padded with spaces (or truncated) to exactly `width` columns.
    public static func pad(_ text: String, to width: Int) -> String {
        let t = truncate(text, to: width)
        let w = of(t)
        return w < width ? t + String(repeating: " ", count: width - w) : t
    }

    /// Splits `text` into lines of at most `width` columns, breaking at spaces when it can and
    /// inside a word when a word is longer than a line. Newlines start new lines.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            var word = ""
            var wordWidth = 0
            func flushWord() {
                if word.isEmpty { return }
                if lineWidth + wordWidth > width && !line.isEmpty {
                    lines.append(trimTrailing(line))
                    line = ""
                    lineWidth = 0
                    if word.first == " " {
                        word = String(word.drop(while: { $0 == " " }))
                        wordWidth = of(word)
                    }
                }
                for ch in word {
                    let w = of(ch)
                    if lineWidth + w > width {
                        lines.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    line.append(ch)
                    lineWidth += w
                }
                word = ""
                wordWidth = 0
            }
            for ch in paragraph {
                if ch == " " && !word.isEmpty && word.last != " " { flushWord() }
                word.append(ch)
                wordWidth += of(ch)
            }
            flushWord()
            lines.append(trimTrailing(line))
        }
        return lines
    }

    private static func trimTrailing(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}
