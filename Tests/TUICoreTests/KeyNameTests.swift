import TUICore
import Testing

/// Key names as a config file writes them: what `Key.description` prints, and friendly forms.
@Suite("Key names")
struct KeyNameTests {
    static let every: [Key] =
        [.char("j"), .char("J"), .char("?"), .char("-"), .char("+"), .char("^"), .char(" "), .char("é"), .char("字")]
        + [.ctrl("a"), .ctrl("z"), .alt("b"), .alt("B"), .alt("-"), .alt(" "), .altBackspace]
        + [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backTab, .backspace, .delete]
        + [.function(1), .function(12), .function(63)]

    @Test(arguments: every)
    func theNamePrintedReadsBackAsTheSameKey(key: Key) throws {
        #expect(try Key(name: key.description) == key)
    }

    @Test func friendlyFormsInAnyCaseForTheWords() throws {
        let forms: [(String, Key)] = [
            ("ctrl-d", .ctrl("d")), ("Ctrl-D", .ctrl("d")), ("C-d", .ctrl("d")), ("^D", .ctrl("d")), ("ctrl+x", .ctrl("x")),
            ("alt-x", .alt("x")), ("M-x", .alt("x")), ("meta-X", .alt("X")), ("alt-bs", .altBackspace),
            ("alt-space", .alt(" ")), ("enter", .enter), ("RETURN", .enter), ("esc", .escape), ("Escape", .escape),
            ("tab", .tab), ("shift-tab", .backTab), ("backtab", .backTab), ("space", .char(" ")), ("SPACE", .char(" ")),
            (" ", .char(" ")), ("pgdn", .pageDown), ("PageDown", .pageDown), ("pgup", .pageUp), ("up", .up), ("Down", .down),
            ("left", .left), ("right", .right), ("home", .home), ("END", .end), ("del", .delete), ("delete", .delete),
            ("backspace", .backspace), ("f1", .function(1)), ("F10", .function(10)),
        ]
        for (name, key) in forms { #expect(try Key(name: name) == key, "\(name)") }
    }

    @Test func badNamesSayWhatIsExpected() {
        let bad: [(String, String)] = [
            ("", "unknown key name \"\""),
            ("hyper-x", "hyper-x: unknown modifier hyper (ctrl-x, alt-x, shift-tab)"),
            ("ctrl-1", "ctrl-1: Ctrl takes a letter a–z (ctrl-d)"),
            ("ctrl-h", "ctrl-h reaches ptscope as backspace: write \"backspace\""),
            ("ctrl-m", "ctrl-m reaches ptscope as enter: write \"enter\""),
            ("ctrl-[", "ctrl-[ reaches ptscope as esc: write \"esc\""),
            ("alt-xy", "alt-xy: Alt takes one character, Space or Backspace (alt-b, alt-backspace)"),
            ("f0", "function keys are F1 to F63, got f0"),
            ("f64", "function keys are F1 to F63, got f64"),
            ("\u{1B}", "a control character is not a key name (write ctrl-x, tab, enter, esc)"),
            ("pagedwn", "unknown key name \"pagedwn\""),
        ]
        for (name, message) in bad {
            #expect(throws: Key.NameError.self, "\(name)") { try Key(name: name) }
            do {
                _ = try Key(name: name)
            } catch {
                #expect(error.description.hasPrefix(message), "\(error.description)")
            }
        }
    }
}

/// Where a JSON5 text stops being JSON5 (Foundation's decoder does not say).
@Suite("JSON5 syntax")
struct JSON5SyntaxTests {
    @Test func wellFormedJSON5HasNoError() {
        let texts = [
            "{}", "[]", "{ a: 1, 'b': \"two\", c: [1, +2, -.5, 0x1F, 1e-3, Infinity, NaN,], d: { e: null, f: true }, }",
            "// comment\n{ /* block */ a: 'it\\'s', }\n", "  42  ", "\"x\"",
        ]
        for t in texts { #expect(JSON5Syntax.firstError(in: t) == nil, "\(t)") }
    }

    @Test func theFirstErrorIsNamedByLineAndColumn() throws {
        let cases: [(String, Int, Int, String)] = [
            ("{ version: 1,\n  theme: \"mono\" oops }", 2, 17, ", or } after the value"),
            ("{ a: 1\n  b: 2 }", 2, 3, ", or } after the value"),
            ("{ a 1 }", 1, 5, ": after the key"),
            ("{ a: x }", 1, 6, "a value (object, array, string, number, true, false or null)"),
            ("{ a: \"open\n }", 1, 6, "the string to end on its line"),
            ("{ a: 1 } }", 1, 10, "the end of the file after the top-level value"),
            ("{ a: [1, 2 }", 1, 12, ", or ] after the value"),
            ("", 1, 1, "a value"),
            ("{ 3: 1 }", 1, 3, "a key (a name or a string) or }"),
        ]
        for (text, line, column, expected) in cases {
            let e = try #require(JSON5Syntax.firstError(in: text), "\(text)")
            #expect(e.line == line && e.column == column && e.expected == expected, "\(text): \(e)")
        }
    }
}
