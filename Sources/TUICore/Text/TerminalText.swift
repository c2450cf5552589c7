// MARK: - TerminalText

/// Text for the command line's output made inert: anything that may hold text from data (a journal's
/// author, note or reason, a prediction, a key, a file name, a warning quoting them) goes through
/// here before it is written, so no control sequence from a file reaches the terminal.
///
/// Control characters, C1 controls, DEL and bidirectional overrides are shown as visible escapes
/// (`\x1b]52;…`), as the explorer shows them (``Sanitizer``); JSON output escapes them as `\uXXXX`,
/// so it stays valid JSON that reads back the exact text. Pure functions: writing is the caller's.
public enum TerminalText {
    /// `text` made inert, newlines kept (a tab becomes spaces).
    public static func clean(_ text: String) -> String { Sanitizer.clean(text, keepNewlines: true) }

    /// `text` made inert on one line (newlines and tabs shown as `\n` and `\t`): a table cell.
    public static func cell(_ text: String) -> String { Sanitizer.clean(text) }

    /// A JSON text made inert: every character a terminal could act on (C0 but the JSON whitespace,
    /// DEL, C1, bidi controls, line and paragraph separators) written as a `\uXXXX` escape. Outside
    /// strings JSON is ASCII, so any such character is inside a string, where the escape means the same.
    public static func json(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }
}
