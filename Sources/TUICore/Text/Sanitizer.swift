// MARK: - Sanitizer

/// Makes text from data files safe to show: nothing from a file reaches the terminal raw.
///
/// C0 and C1 control characters, DEL, and the bidirectional override/isolate controls are shown
/// as visible escapes (`\x1b`, `\u202e`), so an escape sequence inside a prediction is displayed,
/// never executed. Newlines and tabs are kept only when asked for.
public enum Sanitizer {
    /// The visible form of `text`. With `keepNewlines`, `\n` stays (for wrapping) and `\t` becomes
    /// four spaces; otherwise both are shown as `\n` / `\t`.
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        if !needsWork(text) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x0A where keepNewlines:
                out.unicodeScalars.append(scalar)
            case 0x09 where keepNewlines:
                out += "    "
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x0D: out += "\\r"
            case 0x00...0x1F, 0x7F:
                out += "\\x" + hex(v, 2)
            case 0x80...0x9F:
                out += "\\x" + hex(v, 2)
            case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
                out += "\\u" + hex(v, 4)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func needsWork(_ text: String) -> Bool {
        for b in text.utf8 {
            if b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xEF { return true }
        }
        return false
    }

    private static func hex(_ v: UInt32, _ digits: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }
}
