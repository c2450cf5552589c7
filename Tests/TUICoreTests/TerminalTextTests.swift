import Foundation
import TUICore
import Testing

/// Command-line text made inert: visible escapes for text, `\uXXXX` for JSON.
@Suite("TerminalText")
struct TerminalTextTests {
    static let hostile = "a\u{1B}]52;c;x\u{07}b\u{9B}31m\u{202E}c\u{7F}"

    @Test("clean keeps newlines and shows every control; cell puts it on one line")
    func text() {
        #expect(TerminalText.clean("x\n" + Self.hostile) == "x\na\\x1b]52;c;x\\x07b\\x9b31m\\u202ec\\x7f")
        #expect(TerminalText.clean("a\tb") == "a    b")
        #expect(TerminalText.cell("x\ny\tz") == "x\\ny\\tz")
        #expect(TerminalText.clean("plain 日本") == "plain 日本")
    }

    @Test("json escapes what a terminal acts on as \\uXXXX, keeps JSON whitespace, and reads back the exact text")
    func json() throws {
        let raw = "{\"k\": \"" + Self.hostile + "\u{2028}\"}\n"
        let inert = TerminalText.json(raw)
        #expect(inert == "{\"k\": \"a\\u001b]52;c;x\\u0007b\\u009b31m\\u202ec\\u007f\\u2028\"}\n")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(inert.utf8)) as? [String: String])
        #expect(object["k"] == Self.hostile + "\u{2028}")
        #expect(TerminalText.json("{\"a\": 1}\t\r\n") == "{\"a\": 1}\t\r\n")
    }
}
