// MARK: - JSON5Syntax

/// Finds where a JSON5 text stops being JSON5: Foundation's `JSONDecoder` (with `allowsJSON5`)
/// only says "the given data was not valid JSON", so a file's message names the line and column
/// from here. A syntax check only (objects, arrays, strings, numbers, literals, comments).
public enum JSON5Syntax {
    /// The first syntax error: its 1-based line and column (in characters) and what was expected;
    /// nil when the text is well formed.
    public static func firstError(in text: String) -> (line: Int, column: Int, expected: String)? {
        var p = Parser(Array(text.unicodeScalars))
        do throws(Parser.Failure) {
            p.skip()
            try p.value(depth: 0)
            p.skip()
            if p.i < p.s.count { throw Parser.Failure(at: p.i, "the end of the file after the top-level value") }
            return nil
        } catch {
            var line = 1
            var column = 1
            for k in 0..<min(error.at, p.s.count) {
                if p.s[k] == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            return (line, column, error.expected)
        }
    }

    struct Parser {
        struct Failure: Error {
            var at: Int
            var expected: String
            init(at: Int, _ expected: String) {
                self.at = at
                self.expected = expected
            }
        }

        let s: [Unicode.Scalar]
        var i = 0
        init(_ s: [Unicode.Scalar]) { self.s = s }

        var current: Unicode.Scalar? { i < s.count ? s[i] : nil }

        /// Whitespace and comments.
        mutating func skip() {
            while let c = current {
                if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0B}" || c == "\u{0C}" || c == "\u{A0}"
                    || c == "\u{FEFF}" || c == "\u{2028}" || c == "\u{2029}" || c.properties.generalCategory == .spaceSeparator
                {
                    i += 1
                } else if c == "/", i + 1 < s.count, s[i + 1] == "/" {
                    while let d = current, d != "\n" { i += 1 }
                } else if c == "/", i + 1 < s.count, s[i + 1] == "*" {
                    i += 2
                    while i + 1 < s.count, !(s[i] == "*" && s[i + 1] == "/") { i += 1 }
                    i = min(i + 2, s.count)
                } else {
                    return
                }
            }
        }

        mutating func value(depth: Int) throws(Failure) {
            guard depth < 512 else { throw Failure(at: i, "at most 512 nested objects and arrays") }
            guard let c = current else { throw Failure(at: i, "a value") }
            switch c {
            case "{": try container(close: "}", depth: depth, member: true)
            case "[": try container(close: "]", depth: depth, member: false)
            case "\"", "'": try string()
            default:
                if c == "-" || c == "+" || c == "." || ("0"..."9").contains(c) {
                    try number()
                } else {
                    let start = i
                    guard let word = identifier(), ["true", "false", "null", "Infinity", "NaN"].contains(word) else {
                        throw Failure(at: start, "a value (object, array, string, number, true, false or null)")
                    }
                }
            }
        }

        mutating func container(close: Unicode.Scalar, depth: Int, member: Bool) throws(Failure) {
            i += 1
            skip()
            while current != close {
                if member {
                    if current == "\"" || current == "'" {
                        try string()
                    } else if identifier() == nil {
                        throw Failure(at: i, "a key (a name or a string) or }")
                    }
                    skip()
                    guard current == ":" else { throw Failure(at: i, ": after the key") }
                    i += 1
                    skip()
                }
                try value(depth: depth + 1)
                skip()
                if current == "," {
                    i += 1
                    skip()
                } else if current != close {
                    throw Failure(at: i, ", or \(close) after the value")
                }
            }
            i += 1
        }

        mutating func string() throws(Failure) {
            let quote = s[i]
            let start = i
            i += 1
            while let c = current, c != quote {
                if c == "\n" || c == "\r" { throw Failure(at: start, "the string to end on its line") }
                i += c == "\\" ? 2 : 1
            }
            guard current == quote else { throw Failure(at: start, "the string to end") }
            i += 1
        }

        mutating func number() throws(Failure) {
            let start = i
            if current == "+" || current == "-" { i += 1 }
            if let word = identifier() {
                guard word == "Infinity" || word == "NaN" else { throw Failure(at: start, "a number") }
                return
            }
            var digits = 0
            while let c = current,
                c.properties.isASCIIHexDigit || c == "." || c == "x" || c == "X" || c == "e" || c == "E"
                    || ((c == "+" || c == "-") && (s[i - 1] == "e" || s[i - 1] == "E"))
            {
                if c.properties.isASCIIHexDigit { digits += 1 }
                i += 1
            }
            if digits == 0 { throw Failure(at: start, "a number") }
        }

        /// A name (letters, digits, `_`, `$`), returned; nil when there is none here.
        mutating func identifier() -> String? {
            let start = i
            while let c = current,
                c == "_" || c == "$" || c.properties.isAlphabetic || (i > start && c.properties.numericType != nil)
            {
                i += 1
            }
            return i > start ? String(String.UnicodeScalarView(s[start..<i])) : nil
        }
    }
}
