import Evaluator
import TUICore

// MARK: - FocusedText

/// A text taken out of the explorer (`y` copies it, `v` shows it in the pager): what it is and the
/// text itself, already made safe for a terminal.
public struct FocusedText: Sendable, Equatable {
    /// What the text is, for the status line: "the prediction", "the case's JSON".
    public var what: String
    /// The text: no C0/C1 control characters but newline and tab, no bidirectional controls.
    public var text: String

    /// `what` and `text`, the text made safe first (``safe(_:)``).
    public init(_ what: String, _ text: String) {
        self.what = what
        self.text = FocusedText.safe(text)
    }

    /// `text` with every control character but newline and tab (and every bidirectional control)
    /// shown as a visible escape by ``Sanitizer``, as on screen; a lone `\r` becomes `\r`.
    public static func safe(_ text: String) -> String {
        // Text laid out for the screen is clean already: one pass over the bytes says so.
        if isSafe(text) { return text }
        guard text.utf8.contains(0x09) else { return Sanitizer.clean(text, keepNewlines: true) }
        return text.split(separator: "\t", omittingEmptySubsequences: false)
            .map { Sanitizer.clean(String($0), keepNewlines: true) }
            .joined(separator: "\t")
    }

    /// True when `text` holds nothing ``Sanitizer`` escapes but newlines and tabs: no C0 or C1
    /// control, DEL, bidirectional control or BOM (their UTF-8 bytes are checked directly).
    static func isSafe(_ text: String) -> Bool {
        func scan(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                switch c {
                case 0x0A, 0x09: break
                case 0x00..<0x20, 0x7F: return false
                case 0xC2: if i + 1 < n, (0x80...0x9F).contains(b[i + 1]) { return false }
                case 0xE2:
                    guard i + 2 < n else { break }
                    let (x, y) = (b[i + 1], b[i + 2])
                    if x == 0x80 && (y == 0x8E || y == 0x8F || (0xAA...0xAE).contains(y)) { return false }
                    if x == 0x81 && (0xA6...0xA9).contains(y) { return false }
                case 0xEF: if i + 2 < n, b[i + 1] == 0xBB, b[i + 2] == 0xBF { return false }
                default: break
                }
                i += 1
            }
            return true
        }
        if let result = text.utf8.withContiguousStorageIfAvailable(scan) { return result }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable(scan) ?? false
    }

    /// The lines as plain text, one per line, trailing spaces dropped.
    public static func plain(_ lines: [Line]) -> String {
        var out = ""
        for (i, line) in lines.enumerated() {
            if i > 0 { out += "\n" }
            var t = line.plain.utf8[...]
            while t.last == 0x20 { t = t.dropLast() }
            out += Substring(t)
        }
        return out
    }
}

// MARK: - The call as text

extension FocusedText {
    /// The parsed prediction in PTBench's answer format (``Prompts/responseFormat``):
    /// `Platform: [function(name='value', count=2)]`, values as Python prints them. The work stops
    /// once the text is longer than `limit` UTF-8 bytes (what follows is left out), so a huge
    /// prediction costs no more than the part a copy keeps.
    public static func callText(_ p: ParsedPrediction, limit: Int = .max) -> String {
        var out = (p.platform.stringValue ?? PyRepr.value(p.platform, limit: limit)) + ": ["
        func room() -> Int { max(1, limit - out.utf8.count + 1) }
        for (i, call) in p.calls.enumerated() {
            if i > 0 { out += ", " }
            out += call.name + "("
            for (j, a) in call.arguments.enumerated() {
                if out.utf8.count > limit { return out }
                if j > 0 { out += ", " }
                out += (a.name.map { "\($0)=" } ?? "**") + PyRepr.value(a.value, limit: room())
            }
            out += ")"
            if out.utf8.count > limit { return out }
        }
        return out + "]"
    }
}

// MARK: - Copying

/// The terminal's clipboard escape: OSC 52 with the text in base64.
public enum Clipboard {
    /// The most text a copy sends (UTF-8 bytes); longer text is cut at a character boundary.
    public static let limit = 100_000

    /// The bytes that set the clipboard to `text` (cut to `limit`), and whether it was cut:
    /// `ESC ] 52 ; c ; <base64> BEL`. Base64 has no control characters, so the sequence is safe
    /// whatever the text holds.
    public static func sequence(_ text: String, limit: Int = limit) -> (bytes: [UInt8], cut: Bool) {
        let (payload, cut) = cut(text, to: limit)
        return (Array("\u{1B}]52;c;".utf8) + base64(Array(payload.utf8)) + [0x07], cut)
    }

    /// `text` cut to at most `limit` UTF-8 bytes at a character boundary, and whether it was cut.
    public static func cut(_ text: String, to limit: Int) -> (String, Bool) {
        guard text.utf8.count > limit else { return (text, false) }
        var out = ""
        var used = 0
        for c in text {
            let n = c.utf8.count
            if used + n > limit { break }
            out.append(c)
            used += n
        }
        return (out, true)
    }

    /// What the status line says after a copy of `text` (`what` names it); `cut` when the text
    /// was longer than ``limit``, `tmux` when running inside tmux (which takes the sequence only
    /// with `set-clipboard on`).
    public static func message(what: String, bytes: Int, cut: Bool, tmux: Bool) -> String {
        var m = "copied \(what) (\(bytes) byte\(bytes == 1 ? "" : "s")"
        if cut { m += ", cut to the first \(limit / 1000) KB" }
        m += ")"
        // tmux drops OSC 52 from programs unless set-clipboard is on; other terminals say nothing.
        if tmux { m += "; tmux needs set-clipboard on" }
        return m
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64 with padding.
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [alphabet[Int(n >> 18)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            i += 3
        }
        switch bytes.count - i {
        case 1:
            let n = UInt32(bytes[i]) << 16
            out += [alphabet[Int(n >> 18)], alphabet[Int(n >> 12 & 63)], 0x3D, 0x3D]
        case 2:
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [alphabet[Int(n >> 18)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], 0x3D]
        default:
            break
        }
        return out
    }
}
