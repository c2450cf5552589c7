// MARK: - Key names

extension Key {
    /// Why a key name cannot be read.
    public struct NameError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What was wrong, and what was expected.
        public var description: String

        init(_ description: String) { self.description = description }
    }

    /// Reads a key as people write it in a config file: the names ``description`` prints (`J`,
    /// `Ctrl-D`, `Alt-b`, `PgDn`, `↑`, `Shift-Tab`, `F1`, `Space`) and friendly forms, any case for
    /// the words (`ctrl-d`, `c-d`, `^D`, `alt-b`, `m-b`, `pgdn`, `pagedown`, `up`, `enter`, `return`,
    /// `esc`, `tab`, `backtab`, `del`, `f12`, `space`).
    ///
    /// One character is that key, case kept (`J` is not `j`). Ctrl takes a letter; Ctrl-H, -I, -J,
    /// -M and -[ are refused with the key the terminal really sends (Backspace, Tab, Enter, Esc).
    public init(name: String) throws(NameError) {
        if let arrow = Key.named[name] {
            self = arrow
            return
        }
        if name.count == 1, let c = name.first {
            if c == " " {
                self = .char(" ")
                return
            }
            guard !c.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
                throw NameError("a control character is not a key name (write ctrl-x, tab, enter, esc)")
            }
            self = .char(c)
            return
        }
        let lower = name.lowercased()
        if let named = Key.named[lower] {
            self = named
            return
        }
        if lower.count >= 2, lower.first == "f", let n = Int(lower.dropFirst()), String(n) == String(lower.dropFirst()) {
            guard (1...63).contains(n) else { throw NameError("function keys are F1 to F63, got \(name)") }
            self = .function(n)
            return
        }
        if let (modifier, rest) = Key.split(name) {
            switch modifier {
            case "ctrl", "c", "^":
                self = try Key.ctrl(rest, name: name)
            case "alt", "m", "meta":
                if rest.count == 1, let c = rest.first {
                    guard c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }) else {
                        throw NameError("\(name): Alt takes a printable character")
                    }
                    self = .alt(c)
                } else if ["backspace", "bs"].contains(rest.lowercased()) {
                    self = .altBackspace
                } else if rest.lowercased() == "space" {
                    self = .alt(" ")
                } else {
                    throw NameError("\(name): Alt takes one character, Space or Backspace (alt-b, alt-backspace)")
                }
            default:
                if ["shift", "s"].contains(modifier), rest.lowercased() == "tab" {
                    self = .backTab
                    return
                }
                throw NameError("\(name): unknown modifier \(modifier) (ctrl-x, alt-x, shift-tab)")
            }
            return
        }
        throw NameError(
            "unknown key name \(name.debugDescription) (a character, ctrl-x, alt-x, enter, esc, tab, shift-tab, space, "
                + "backspace, del, up, down, left, right, pgup, pgdn, home, end, f1…f63)")
    }

    /// The named keys, by lowercased name (``description``'s names included).
    static let named: [String: Key] = [
        "space": .char(" "), "spc": .char(" "),
        "enter": .enter, "return": .enter, "ret": .enter, "cr": .enter,
        "esc": .escape, "escape": .escape,
        "tab": .tab, "backtab": .backTab, "btab": .backTab,
        "backspace": .backspace, "bs": .backspace,
        "del": .delete, "delete": .delete,
        "up": .up, "down": .down, "left": .left, "right": .right,
        "↑": .up, "↓": .down, "←": .left, "→": .right,
        "pgup": .pageUp, "pageup": .pageUp, "page-up": .pageUp, "prior": .pageUp,
        "pgdn": .pageDown, "pgdown": .pageDown, "pagedown": .pageDown, "page-down": .pageDown, "next": .pageDown,
        "home": .home, "end": .end,
    ]

    /// `ctrl-x`, `c-x`, `^X` (and `+` for `-`) as the modifier (lowercased) and the rest.
    static func split(_ name: String) -> (String, String)? {
        if name.hasPrefix("^"), name.count == 2 { return ("^", String(name.dropFirst())) }
        guard let dash = name.firstIndex(where: { $0 == "-" || $0 == "+" }), dash != name.startIndex else { return nil }
        let rest = String(name[name.index(after: dash)...])
        guard !rest.isEmpty else { return nil }
        return (name[..<dash].lowercased(), rest)
    }

    /// Ctrl plus `rest` (one letter, any case), or the error naming the key the terminal sends.
    static func ctrl(_ rest: String, name: String) throws(NameError) -> Key {
        let sent: [String: String] = ["h": "backspace", "i": "tab", "j": "enter", "m": "enter", "[": "esc"]
        let lower = rest.lowercased()
        if let real = sent[lower] {
            throw NameError("\(name) reaches ptscope as \(real): write \(real.debugDescription)")
        }
        guard lower.count == 1, let c = lower.first, c.isASCII, c.isLetter else {
            throw NameError("\(name): Ctrl takes a letter a–z (ctrl-d)")
        }
        return .ctrl(c)
    }
}
