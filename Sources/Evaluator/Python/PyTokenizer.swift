import Foundation

// MARK: - PySyntaxError

/// Text that Python's `ast.parse` would reject, with where and why.
public struct PySyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// Code-point offsets in the parsed text.
    public let range: Range<Int>

    public init(_ message: String, _ range: Range<Int>) {
        self.message = message
        self.range = range
    }

    public var description: String { message }
}

// MARK: - Token

struct Token: Sendable {
    enum Kind: Sendable, Equatable { case name, number, string, op, end }

    var kind: Kind
    var start: Int
    var end: Int
    /// Name (NFKC-normalized), operator, or number source text.
    var text: String
    var string: StringToken?

    var range: Range<Int> { start..<end }

    func isOp(_ op: String) -> Bool { kind == .op && text == op }
    func isKeyword(_ keyword: String) -> Bool { kind == .name && text == keyword }
}

/// A string literal token before its escapes are decoded.
struct StringToken: Sendable {
    var isBytes = false
    var isRaw = false
    var isFormat = false
    var isUnicodePrefix = false
    /// Python marks `kind='u'` only when the token's first character is a lowercase `u`.
    var lowercaseUPrefix = false
    var quoteLength = 1
    /// The code points between the quotes.
    var body: [Unicode.Scalar] = []
    /// Offset of `body[0]` in the source.
    var bodyStart = 0
}

// MARK: - PyTokenizer

/// Python 3.11's tokenizer for one expression inside brackets (newlines are insignificant there).
struct PyTokenizer {
    let src: [Unicode.Scalar]
    var pos = 0
    /// Open brackets with their offsets.
    var brackets: [(Unicode.Scalar, Int)] = []
    /// Python's tokenizer refuses more than this many open brackets.
    static let maxBracketDepth = 200

    init(_ src: [Unicode.Scalar]) { self.src = src }

    static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
        "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
        "with", "yield",
    ]

    func peekScalar(_ offset: Int = 0) -> Unicode.Scalar? {
        let i = pos + offset
        return i < src.count ? src[i] : nil
    }

    func err(_ message: String, _ start: Int, _ end: Int? = nil) -> PySyntaxError {
        PySyntaxError(message, start..<max(start + 1, end ?? start + 1))
    }

    static func isIdentStartASCII(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }

    static func isPotentialIdentChar(_ c: Unicode.Scalar) -> Bool {
        isIdentStartASCII(c) || (c >= "0" && c <= "9") || c.value >= 128
    }

    static func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { $0 >= "0" && $0 <= "9" } ?? false }

    // MARK: Next token

    mutating func next() throws(PySyntaxError) -> Token {
        // Whitespace, comments, continuation lines.
        while pos < src.count {
            let c = src[pos]
            if c == " " || c == "\t" || c == "\u{0C}" {
                pos += 1
            } else if c == "\n" {
                if brackets.isEmpty { break }
                pos += 1
            } else if c == "#" {
                while pos < src.count && src[pos] != "\n" { pos += 1 }
            } else if c == "\\" {
                if pos + 1 < src.count && src[pos + 1] == "\n" {
                    pos += 2
                } else if pos + 1 >= src.count {
                    throw err("unexpected EOF while parsing", pos)
                } else {
                    throw err("unexpected character after line continuation character", pos)
                }
            } else {
                break
            }
        }
        let start = pos
        guard pos < src.count else { return Token(kind: .end, start: pos, end: pos, text: "") }
        let c = src[pos]
        if c == "\n" {
            // A newline outside brackets: only allowed at the end.
            var p = pos
            while p < src.count, [" ", "\t", "\u{0C}", "\n"].contains(src[p]) || src[p] == "#" {
                if src[p] == "#" { while p < src.count && src[p] != "\n" { p += 1 } } else { p += 1 }
            }
            if p >= src.count { pos = p; return Token(kind: .end, start: p, end: p, text: "") }
            return Token(kind: .op, start: pos, end: pos + 1, text: "NEWLINE")
        }
        if c == "\0" { throw err("source code string cannot contain null bytes", pos) }

        if PyTokenizer.isIdentStartASCII(c) || c.value >= 128 {
            return try identifierOrString(start)
        }
        if PyTokenizer.isDigit(c) || (c == "." && PyTokenizer.isDigit(peekScalar(1))) {
            return try number(start)
        }
        if c == "'" || c == "\"" {
            return try stringToken(start, prefix: StringToken())
        }
        return try operatorToken(start)
    }

    // MARK: Names and prefixed strings

    mutating func identifierOrString(_ start: Int) throws(PySyntaxError) -> Token {
        var sawB = false, sawR = false, sawU = false, sawF = false
        while pos < src.count {
            let c = src[pos]
            if !(sawB || sawU || sawF) && (c == "b" || c == "B") { sawB = true }
            else if !(sawB || sawU || sawR || sawF) && (c == "u" || c == "U") { sawU = true }
            else if !(sawR || sawU) && (c == "r" || c == "R") { sawR = true }
            else if !(sawF || sawB || sawU) && (c == "f" || c == "F") { sawF = true }
            else { break }
            pos += 1
            if let q = peekScalar(), q == "'" || q == "\"" {
                var prefix = StringToken()
                prefix.isBytes = sawB
                prefix.isRaw = sawR
                prefix.isFormat = sawF
                prefix.isUnicodePrefix = sawU
                prefix.lowercaseUPrefix = src[start] == "u"
                return try stringToken(start, prefix: prefix)
            }
        }
        while pos < src.count && PyTokenizer.isPotentialIdentChar(src[pos]) { pos += 1 }
        let scalars = src[start..<pos]
        var text = String(String.UnicodeScalarView(scalars))
        if scalars.contains(where: { $0.value >= 128 }) {
            for (i, s) in scalars.enumerated() {
                let ok = i == 0 ? (s == "_" || PythonUnicode.isXIDStart(s)) : PythonUnicode.isXIDContinue(s)
                if !ok {
                    let hex = String(format: "%04X", s.value)
                    let printable = PyRepr.isPrintable(s)
                    throw err(
                        printable ? "invalid character '\(Character(s))' (U+\(hex))" : "invalid non-printable character U+\(hex)",
                        start + i)
                }
            }
            text = text.precomposedStringWithCompatibilityMapping
        }
        return Token(kind: .name, start: start, end: pos, text: text)
    }

    // MARK: Numbers

    mutating func number(_ start: Int) throws(PySyntaxError) -> Token {
        func digits(_ isValid: (Unicode.Scalar) -> Bool, kind: String) throws(PySyntaxError) {
            // digit (_? digit)*  — the first digit already checked by the caller
            while pos < src.count {
                if isValid(src[pos]) { pos += 1; continue }
                if src[pos] == "_" {
                    if pos + 1 < src.count && isValid(src[pos + 1]) { pos += 2; continue }
                    throw err("invalid \(kind) literal", pos + 1)
                }
                break
            }
        }
        let isDec: (Unicode.Scalar) -> Bool = { $0 >= "0" && $0 <= "9" }
        var isFloat = false
        var isImag = false
        if src[pos] == "0", let x = peekScalar(1), ["x", "X", "o", "O", "b", "B"].contains(x) {
            let kind: String
            let valid: (Unicode.Scalar) -> Bool
            switch x {
            case "x", "X":
                kind = "hexadecimal"
                valid = { ($0 >= "0" && $0 <= "9") || ($0 >= "a" && $0 <= "f") || ($0 >= "A" && $0 <= "F") }
            case "o", "O":
                kind = "octal"
                valid = { $0 >= "0" && $0 <= "7" }
            default:
                kind = "binary"
                valid = { $0 == "0" || $0 == "1" }
            }
            pos += 2
            if pos < src.count && src[pos] == "_" { pos += 1 }
            guard pos < src.count, valid(src[pos]) else {
                if pos < src.count, isDec(src[pos]) {
                    throw err("invalid digit '\(Character(src[pos]))' in \(kind) literal", pos)
                }
                throw err("invalid \(kind) literal", pos)
            }
            try digits(valid, kind: kind)
            if pos < src.count, isDec(src[pos]) {
                throw err("invalid digit '\(Character(src[pos]))' in \(kind) literal", pos)
            }
            try endOfNumber(kind: kind)
            return Token(kind: .number, start: start, end: pos, text: String(String.UnicodeScalarView(src[start..<pos])))
        }
        if src[pos] == "." {
            isFloat = true
            pos += 1
            try digits(isDec, kind: "decimal")
        } else {
            let leadingZero = src[pos] == "0"
            pos += 1
            try digits(isDec, kind: "decimal")
            let intText = String(String.UnicodeScalarView(src[start..<pos])).replacingOccurrences(of: "_", with: "")
            if pos < src.count && src[pos] == "." {
                isFloat = true
                pos += 1
                if pos < src.count, isDec(src[pos]) { try digits(isDec, kind: "decimal") }
            }
            if leadingZero && !isFloat && intText.contains(where: { $0 != "0" }) {
                let next = pos < src.count ? src[pos] : " "
                if next != "e" && next != "E" && next != "j" && next != "J" {
                    throw err("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", start, pos)
                }
            }
        }
        if pos < src.count, src[pos] == "e" || src[pos] == "E" {
            let e = pos
            pos += 1
            if pos < src.count, src[pos] == "+" || src[pos] == "-" {
                pos += 1
                guard pos < src.count, isDec(src[pos]) else { throw err("invalid decimal literal", pos) }
            }
            if pos < src.count, isDec(src[pos]) {
                isFloat = true
                try digits(isDec, kind: "decimal")
            } else {
                pos = e
                try endOfNumber(kind: "decimal")
                return Token(kind: .number, start: start, end: pos, text: String(String.UnicodeScalarView(src[start..<pos])))
            }
        }
        if pos < src.count, src[pos] == "j" || src[pos] == "J" {
            isImag = true
            pos += 1
            try endOfNumber(kind: "imaginary")
        } else {
            try endOfNumber(kind: isFloat ? "decimal" : "decimal")
        }
        return Token(kind: .number, start: start, end: pos, text: String(String.UnicodeScalarView(src[start..<pos])))
    }

    /// Python 3.11's `verify_end_of_number`: a keyword may follow directly, any other name may not.
    mutating func endOfNumber(kind: String) throws(PySyntaxError) {
        guard pos < src.count else { return }
        let c = src[pos]
        func ahead(_ s: String) -> Bool {
            let scalars = Array(s.unicodeScalars)
            guard pos + 1 + scalars.count <= src.count else { return false }
            return Array(src[(pos + 1)..<(pos + 1 + scalars.count)]) == scalars
        }
        var allowed = false
        switch c {
        case "a": allowed = ahead("nd")
        case "e": allowed = ahead("lse")
        case "f": allowed = ahead("or")
        case "i": if let c2 = peekScalar(1) { allowed = c2 == "f" || c2 == "n" || c2 == "s" }
        case "o": allowed = ahead("r")
        case "n": allowed = ahead("ot")
        default: break
        }
        if !allowed && PyTokenizer.isPotentialIdentChar(c) {
            throw err("invalid \(kind) literal", pos)
        }
    }

    // MARK: Strings

    mutating func stringToken(_ start: Int, prefix: StringToken) throws(PySyntaxError) -> Token {
        var token = prefix
        let quote = src[pos]
        if pos + 2 < src.count && src[pos + 1] == quote && src[pos + 2] == quote {
            token.quoteLength = 3
        }
        pos += token.quoteLength
        token.bodyStart = pos
        while true {
            guard pos < src.count else {
                if token.quoteLength == 3 {
                    throw err("unterminated triple-quoted string literal", start, src.count)
                }
                throw err("unterminated string literal", start, src.count)
            }
            let c = src[pos]
            if c == quote {
                if token.quoteLength == 1 { break }
                if pos + 2 < src.count && src[pos + 1] == quote && src[pos + 2] == quote { break }
                pos += 1
            } else if c == "\\" {
                pos += 2
                if pos > src.count { pos = src.count }
            } else if c == "\n" && token.quoteLength == 1 {
                throw err("unterminated string literal", start, pos)
            } else {
                pos += 1
            }
        }
        token.body = Array(src[token.bodyStart..<pos])
        pos += token.quoteLength
        return Token(kind: .string, start: start, end: pos, text: "", string: token)
    }

    // MARK: Operators

    static let threeCharOps: Set<String> = ["**=", "//=", ">>=", "<<=", "...", "!=="]
    static let twoCharOps: Set<String> = [
        "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=", ":=", "<<", "<=", "<>", "==", ">=", ">>",
        "@=", "^=", "|=",
    ]
    static let oneCharOps: Set<Unicode.Scalar> = [
        "%", "&", "(", ")", "*", "+", ",", "-", ".", "/", ":", ";", "<", "=", ">", "@", "[", "]", "^", "{", "|",
        "}", "~",
    ]

    mutating func operatorToken(_ start: Int) throws(PySyntaxError) -> Token {
        func text(_ n: Int) -> String? {
            guard pos + n <= src.count else { return nil }
            return String(String.UnicodeScalarView(src[pos..<(pos + n)]))
        }
        if let t = text(3), t == "..." || t == "**=" || t == "//=" || t == ">>=" || t == "<<=" {
            pos += 3
            return Token(kind: .op, start: start, end: pos, text: t)
        }
        if let t = text(2), PyTokenizer.twoCharOps.contains(t), t != "<>" {
            pos += 2
            return Token(kind: .op, start: start, end: pos, text: t)
        }
        let c = src[pos]
        guard PyTokenizer.oneCharOps.contains(c) else {
            if c == "!" { throw err("invalid syntax", pos) }
            let hex = String(format: "%04X", c.value)
            if PyRepr.isPrintable(c) {
                throw err("invalid character '\(Character(c))' (U+\(hex))", pos)
            }
            throw err("invalid non-printable character U+\(hex)", pos)
        }
        pos += 1
        switch c {
        case "(", "[", "{":
            if brackets.count >= PyTokenizer.maxBracketDepth {
                throw err("too many nested parentheses", start)
            }
            brackets.append((c, start))
        case ")", "]", "}":
            guard let (open, openAt) = brackets.popLast() else {
                throw err("unmatched '\(Character(c))'", start)
            }
            let expected: Unicode.Scalar = open == "(" ? ")" : open == "[" ? "]" : "}"
            if expected != c {
                throw PySyntaxError(
                    "closing parenthesis '\(Character(c))' does not match opening parenthesis '\(Character(open))'",
                    openAt..<(start + 1))
            }
        default: break
        }
        return Token(kind: .op, start: start, end: pos, text: String(c))
    }
}
